CALL dbms.components() YIELD versions, edition
