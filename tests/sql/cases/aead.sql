-- AEAD encryption functions: KEYS.*, AEAD.*, DETERMINISTIC_*

# title: new keyset has one key
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aead_encryption_functions#keysnew_keyset
SELECT KEYS.KEYSET_LENGTH(KEYS.NEW_KEYSET('AEAD_AES_GCM_256')) AS n;
[{"n": 1}];

# title: new keysets differ
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aead_encryption_functions#keysnew_keyset
SELECT COUNT(DISTINCT KEYS.NEW_KEYSET('AEAD_AES_GCM_256')) AS n FROM UNNEST([1, 2, 3]) AS x;
[{"n": 3}];

# title: new keyset unsupported key type is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aead_encryption_functions#keysnew_keyset
# error: invalidQuery
SELECT KEYS.NEW_KEYSET('AES_ECB') AS k;
Unsupported key type;

# title: safe new keyset unsupported key type is null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/functions-reference#safe_prefix
SELECT SAFE.KEYS.NEW_KEYSET('AES_ECB') IS NULL AS n;
[{"n": true}];

# title: keyset to json
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aead_encryption_functions#keyskeyset_to_json
SELECT JSON_VALUE(j, '$.key[0].keyData.typeUrl') AS type_url, JSON_VALUE(j, '$.key[0].outputPrefixType') AS prefix, JSON_VALUE(j, '$.key[0].status') AS status, JSON_VALUE(j, '$.primaryKeyId') = JSON_VALUE(j, '$.key[0].keyId') AS is_primary FROM (SELECT KEYS.KEYSET_TO_JSON(KEYS.NEW_KEYSET('AEAD_AES_GCM_256')) AS j);
[{"type_url": "type.googleapis.com/google.crypto.tink.AesGcmKey", "prefix": "TINK", "status": "ENABLED", "is_primary": true}];

# title: keyset from json round trip
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aead_encryption_functions#keyskeyset_from_json
SELECT KEYS.KEYSET_TO_JSON(KEYS.KEYSET_FROM_JSON('{"key":[{"keyData":{"keyMaterialType":"SYMMETRIC","typeUrl":"type.googleapis.com/google.crypto.tink.AesGcmKey","value":"GiD80Z8kL6AP3iSNHhqseZGAIvq7TVQzClT7FQy8YwK3OQ=="},"keyId":3101427138,"outputPrefixType":"TINK","status":"ENABLED"}],"primaryKeyId":3101427138}')) AS j;
[{"j": "{\"key\":[{\"keyData\":{\"keyMaterialType\":\"SYMMETRIC\",\"typeUrl\":\"type.googleapis.com/google.crypto.tink.AesGcmKey\",\"value\":\"GiD80Z8kL6AP3iSNHhqseZGAIvq7TVQzClT7FQy8YwK3OQ==\"},\"keyId\":3101427138,\"outputPrefixType\":\"TINK\",\"status\":\"ENABLED\"}],\"primaryKeyId\":3101427138}"}];

# title: decrypt a tink ciphertext
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aead_encryption_functions#aeaddecrypt_string
SELECT AEAD.DECRYPT_STRING(KEYS.KEYSET_FROM_JSON('{"key":[{"keyData":{"keyMaterialType":"SYMMETRIC","typeUrl":"type.googleapis.com/google.crypto.tink.AesGcmKey","value":"GiD80Z8kL6AP3iSNHhqseZGAIvq7TVQzClT7FQy8YwK3OQ=="},"keyId":3101427138,"outputPrefixType":"TINK","status":"ENABLED"}],"primaryKeyId":3101427138}'), FROM_BASE64('AbjcBcIAAQIDBAUGBwgJCgtEKTbcS4vwpZGhiDGm/iDG4ynhW94NA4CCyzM='), '') AS plaintext;
[{"plaintext": "tink format"}];

# title: add key from raw bytes
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aead_encryption_functions#keysadd_key_from_raw_bytes
SELECT KEYS.KEYSET_LENGTH(KEYS.ADD_KEY_FROM_RAW_BYTES(KEYS.NEW_KEYSET('AEAD_AES_GCM_256'), 'AES_CBC_PKCS', b'0123456789abcdef')) AS n;
[{"n": 2}];

# title: add key from raw bytes is a raw key
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aead_encryption_functions#keysadd_key_from_raw_bytes
SELECT JSON_VALUE(KEYS.KEYSET_TO_JSON(KEYS.ADD_KEY_FROM_RAW_BYTES(KEYS.NEW_KEYSET('AEAD_AES_GCM_256'), 'AES_GCM', b'0123456789abcdef0123456789abcdef')), '$.key[1].outputPrefixType') AS prefix;
[{"prefix": "RAW"}];

# title: add key from raw bytes wrong length is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aead_encryption_functions#keysadd_key_from_raw_bytes
# error: invalidQuery
SELECT KEYS.ADD_KEY_FROM_RAW_BYTES(KEYS.NEW_KEYSET('AEAD_AES_GCM_256'), 'AES_CBC_PKCS', b'short') AS k;
key length;

# title: decrypt with a raw aes_cbc_pkcs key
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aead_encryption_functions#aeaddecrypt_string
SELECT AEAD.DECRYPT_STRING(KEYS.ADD_KEY_FROM_RAW_BYTES(KEYS.NEW_KEYSET('AEAD_AES_GCM_256'), 'AES_CBC_PKCS', b'0123456789abcdef'), FROM_BASE64('AAECAwQFBgcICQoLDA0OD8JrRi4nKmFtPZMppWwJAP8='), '') AS plaintext;
[{"plaintext": "secret"}];

# title: decrypt bytes with a raw aes_gcm key
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aead_encryption_functions#aeaddecrypt_bytes
SELECT AEAD.DECRYPT_BYTES(KEYS.ADD_KEY_FROM_RAW_BYTES(KEYS.NEW_KEYSET('AEAD_AES_GCM_256'), 'AES_GCM', b'0123456789abcdef0123456789abcdef'), FROM_BASE64('AAAAAAAAAAAAAAAAvBLWIXVgMqySTQi0K7H3Mty5LxT/C0Q='), b'ad') AS plaintext;
[{"plaintext": "cmF3IGdjbQ=="}];

# title: encrypt then decrypt string
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aead_encryption_functions#aeadencrypt
SELECT AEAD.DECRYPT_STRING(k, AEAD.ENCRYPT(k, 'plaintext', 'customer 1'), 'customer 1') AS plaintext FROM (SELECT KEYS.NEW_KEYSET('AEAD_AES_GCM_256') AS k);
[{"plaintext": "plaintext"}];

# title: encrypt then decrypt bytes
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aead_encryption_functions#aeaddecrypt_bytes
SELECT AEAD.DECRYPT_BYTES(k, AEAD.ENCRYPT(k, b'\x00\xff', b'ad'), b'ad') AS plaintext FROM (SELECT KEYS.NEW_KEYSET('AEAD_AES_GCM_256') AS k);
[{"plaintext": "AP8="}];

# title: encrypt with a tink prefix iv and tag
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aead_encryption_functions#aeadencrypt
SELECT BYTE_LENGTH(AEAD.ENCRYPT(KEYS.NEW_KEYSET('AEAD_AES_GCM_256'), 'hello', '')) AS n;
[{"n": 38}];

# title: encrypt is not deterministic
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aead_encryption_functions#aeadencrypt
SELECT AEAD.ENCRYPT(k, 'x', '') = AEAD.ENCRYPT(k, 'x', '') AS same FROM (SELECT KEYS.NEW_KEYSET('AEAD_AES_GCM_256') AS k);
[{"same": false}];

# title: encrypt null plaintext is null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aead_encryption_functions#aeadencrypt
SELECT AEAD.ENCRYPT(KEYS.NEW_KEYSET('AEAD_AES_GCM_256'), CAST(NULL AS STRING), '') IS NULL AS n;
[{"n": true}];

# title: decrypt with the wrong key is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aead_encryption_functions#aeaddecrypt_string
# error: invalidQuery
SELECT AEAD.DECRYPT_STRING(KEYS.NEW_KEYSET('AEAD_AES_GCM_256'), AEAD.ENCRYPT(KEYS.NEW_KEYSET('AEAD_AES_GCM_256'), 'x', ''), '') AS p;
Decryption failed;

# title: decrypt with the wrong additional data is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aead_encryption_functions#aeaddecrypt_string
# error: invalidQuery
SELECT AEAD.DECRYPT_STRING(k, AEAD.ENCRYPT(k, 'x', 'a'), 'b') AS p FROM (SELECT KEYS.NEW_KEYSET('AEAD_AES_GCM_256') AS k);
Decryption failed;

# title: safe decrypt with the wrong key is null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aead_encryption_functions#aeaddecrypt_string
SELECT SAFE.AEAD.DECRYPT_STRING(KEYS.NEW_KEYSET('AEAD_AES_GCM_256'), AEAD.ENCRYPT(KEYS.NEW_KEYSET('AEAD_AES_GCM_256'), 'x', ''), '') AS p;
[{"p": null}];

# title: decrypt with a rotated keyset
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aead_encryption_functions#keysrotate_keyset
SELECT KEYS.KEYSET_LENGTH(k2) AS n, AEAD.DECRYPT_STRING(k2, ciphertext, '') AS plaintext FROM (SELECT KEYS.ROTATE_KEYSET(k, 'AEAD_AES_GCM_256') AS k2, AEAD.ENCRYPT(k, 'old', '') AS ciphertext FROM (SELECT KEYS.NEW_KEYSET('AEAD_AES_GCM_256') AS k));
[{"n": 2, "plaintext": "old"}];

# title: keyset length of bytes that are not a keyset is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aead_encryption_functions#keyskeyset_length
# error: invalidQuery
SELECT KEYS.KEYSET_LENGTH(b'\xff\xff') AS n;
Keyset deserialization failed;

# title: deterministic encrypt is deterministic
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aead_encryption_functions#deterministic_encrypt
SELECT DETERMINISTIC_ENCRYPT(k, 'x', 'ad') = DETERMINISTIC_ENCRYPT(k, 'x', 'ad') AS same, DETERMINISTIC_DECRYPT_STRING(k, DETERMINISTIC_ENCRYPT(k, 'x', 'ad'), 'ad') AS plaintext FROM (SELECT KEYS.NEW_KEYSET('DETERMINISTIC_AEAD_AES_SIV_CMAC_256') AS k);
[{"same": true, "plaintext": "x"}];

# title: deterministic decrypt bytes
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aead_encryption_functions#deterministic_decrypt_bytes
SELECT DETERMINISTIC_DECRYPT_BYTES(k, DETERMINISTIC_ENCRYPT(k, b'\x01', b''), b'') AS plaintext FROM (SELECT KEYS.NEW_KEYSET('DETERMINISTIC_AEAD_AES_SIV_CMAC_256') AS k);
[{"plaintext": "AQ=="}];

# title: safe deterministic decrypt of garbage is null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aead_encryption_functions#deterministic_decrypt_string
SELECT SAFE.DETERMINISTIC_DECRYPT_STRING(KEYS.NEW_KEYSET('DETERMINISTIC_AEAD_AES_SIV_CMAC_256'), b'garbage', '') AS plaintext;
[{"plaintext": null}];

# title: deterministic encrypt with an aead keyset is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/aead_encryption_functions#deterministic_encrypt
# error: invalidQuery
SELECT DETERMINISTIC_ENCRYPT(KEYS.NEW_KEYSET('AEAD_AES_GCM_256'), 'x', '') AS c;
primary key is not of type;
