// The one lock node that serialises every write of a dataset (load, import, drop, restore,
// bulk). Created with the schema; its uniqueness constraint makes concurrent MERGEs safe.
MERGE (lock:LoadLock {id: 'loads'})
