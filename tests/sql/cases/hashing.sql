-- FARM_FINGERPRINT

# title: farm_fingerprint doc row 1
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/hash_functions#farm_fingerprint
SELECT FARM_FINGERPRINT(CONCAT(CAST(1 AS STRING), 'foo', CAST(TRUE AS STRING))) AS v;
[{"v": -1541654101129638711}];

# title: farm_fingerprint doc row 2
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/hash_functions#farm_fingerprint
SELECT FARM_FINGERPRINT(CONCAT(CAST(2 AS STRING), 'apple', CAST(FALSE AS STRING))) AS v;
[{"v": 2794438866806483259}];

# title: farm_fingerprint doc row 3
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/hash_functions#farm_fingerprint
SELECT FARM_FINGERPRINT(CONCAT(CAST(3 AS STRING), '', CAST(TRUE AS STRING))) AS v;
[{"v": -4880158226897771312}];

# title: farm_fingerprint doc example table
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/hash_functions#farm_fingerprint
WITH example AS (SELECT 1 AS x, 'foo' AS y, TRUE AS z UNION ALL SELECT 2 AS x, 'apple' AS y, FALSE AS z UNION ALL SELECT 3 AS x, '' AS y, TRUE AS z) SELECT x, FARM_FINGERPRINT(CONCAT(CAST(x AS STRING), y, CAST(z AS STRING))) AS row_fingerprint FROM example ORDER BY x;
[{"x": 1, "row_fingerprint": -1541654101129638711}, {"x": 2, "row_fingerprint": 2794438866806483259}, {"x": 3, "row_fingerprint": -4880158226897771312}];

# title: farm_fingerprint string equals bytes
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/hash_functions#farm_fingerprint
SELECT FARM_FINGERPRINT('abc') = FARM_FINGERPRINT(b'abc') AS v;
[{"v": true}];

# title: farm_fingerprint null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/hash_functions#farm_fingerprint
SELECT FARM_FINGERPRINT(NULL) AS v;
[{"v": null}];

# title: farm_fingerprint is deterministic
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/hash_functions#farm_fingerprint
SELECT FARM_FINGERPRINT('x') = FARM_FINGERPRINT('x') AS v;
[{"v": true}];

# title: farm_fingerprint column
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/hash_functions#farm_fingerprint
SELECT FARM_FINGERPRINT(s) AS v FROM UNNEST(['1footrue']) AS s;
[{"v": -1541654101129638711}];

-- MD5 and SHA

# title: md5 hello world
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/hash_functions#md5
SELECT MD5('Hello World') AS v;
[{"v": "sQqNsWTgdUEFt6mb5y4/5Q=="}];

# title: md5 bytes
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/hash_functions#md5
SELECT MD5(b'Hello World') AS v;
[{"v": "sQqNsWTgdUEFt6mb5y4/5Q=="}];

# title: md5 empty
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/hash_functions#md5
SELECT MD5('') AS v;
[{"v": "1B2M2Y8AsgTpgAmY7PhCfg=="}];

# title: md5 null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/hash_functions#md5
SELECT MD5(NULL) AS v;
[{"v": null}];

# title: md5 to_hex
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/hash_functions#md5
SELECT TO_HEX(MD5('abc')) AS v;
[{"v": "900150983cd24fb0d6963f7d28e17f72"}];

# title: md5 utf8 string
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/hash_functions#md5
SELECT MD5('абв') AS v;
[{"v": "mBfeP0vR0dFJ/DZtRuXhNA=="}];

# title: sha1 hello world
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/hash_functions#sha1
SELECT SHA1('Hello World') AS v;
[{"v": "Ck1VqNd45QIvq3AZd8XYQLvEhtA="}];

# title: sha1 bytes
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/hash_functions#sha1
SELECT SHA1(b'Hello World') AS v;
[{"v": "Ck1VqNd45QIvq3AZd8XYQLvEhtA="}];

# title: sha1 null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/hash_functions#sha1
SELECT SHA1(NULL) AS v;
[{"v": null}];

# title: sha1 to_hex
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/hash_functions#sha1
SELECT TO_HEX(SHA1('abc')) AS v;
[{"v": "a9993e364706816aba3e25717850c26c9cd0d89d"}];

# title: sha256 hello world
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/hash_functions#sha256
SELECT SHA256('Hello World') AS v;
[{"v": "pZGm1Av0IEBKARczz7exkNYsZb8LzaMrV7J32a2fFG4="}];

# title: sha256 bytes
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/hash_functions#sha256
SELECT SHA256(b'Hello World') AS v;
[{"v": "pZGm1Av0IEBKARczz7exkNYsZb8LzaMrV7J32a2fFG4="}];

# title: sha256 null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/hash_functions#sha256
SELECT SHA256(NULL) AS v;
[{"v": null}];

# title: sha256 utf8 string
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/hash_functions#sha256
SELECT SHA256('абв') AS v;
[{"v": "OeMF03/0YGLMi/w8pmdJHgfRfPoucUBMZBOB+huMwso="}];

# title: sha256 length
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/hash_functions#sha256
SELECT BYTE_LENGTH(SHA256('x')) AS v;
[{"v": 32}];

# title: sha512 hello world
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/hash_functions#sha512
SELECT SHA512('Hello World') AS v;
[{"v": "LHT9F+2v2A6ER7DUZ0HuJDt+t03SFJoKsbkkb7MDgvJ+hT2FhXGeDmfL2g2qj1FnEGRhXWRa4nrLFb+xRH9Fmw=="}];

# title: sha512 bytes
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/hash_functions#sha512
SELECT SHA512(b'Hello World') AS v;
[{"v": "LHT9F+2v2A6ER7DUZ0HuJDt+t03SFJoKsbkkb7MDgvJ+hT2FhXGeDmfL2g2qj1FnEGRhXWRa4nrLFb+xRH9Fmw=="}];

# title: sha512 null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/hash_functions#sha512
SELECT SHA512(NULL) AS v;
[{"v": null}];

# title: sha512 length
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/hash_functions#sha512
SELECT BYTE_LENGTH(SHA512('x')) AS v;
[{"v": 64}];

# title: md5 length
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/hash_functions#md5
SELECT BYTE_LENGTH(MD5('x')) AS v;
[{"v": 16}];

# title: sha1 length
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/hash_functions#sha1
SELECT BYTE_LENGTH(SHA1('x')) AS v;
[{"v": 20}];

-- GENERATE_UUID

# title: generate_uuid format
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/utility-functions#generate_uuid
SELECT REGEXP_CONTAINS(GENERATE_UUID(), r'^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$') AS v;
[{"v": true}];

# title: generate_uuid length
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/utility-functions#generate_uuid
SELECT LENGTH(GENERATE_UUID()) AS v;
[{"v": 36}];

# title: generate_uuid differs per row
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/utility-functions#generate_uuid
SELECT COUNT(DISTINCT GENERATE_UUID()) AS v FROM UNNEST(GENERATE_ARRAY(1, 10));
[{"v": 10}];

# title: generate_uuid lower case
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/utility-functions#generate_uuid
SELECT GENERATE_UUID() = LOWER(GENERATE_UUID()) AS v;
[{"v": false}];
