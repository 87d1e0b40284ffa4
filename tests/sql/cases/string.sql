-- CONCAT

# title: concat words
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#concat
SELECT CONCAT('The', ' ', 'quick', ' ', 'brown', ' ', 'fox') AS v;
[{"v": "The quick brown fox"}];

# title: concat two
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#concat
SELECT CONCAT('a', 'b') AS v;
[{"v": "ab"}];

# title: concat single argument
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#concat
SELECT CONCAT('abc') AS v;
[{"v": "abc"}];

# title: concat null argument
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#concat
SELECT CONCAT('a', NULL, 'c') AS v;
[{"v": null}];

# title: concat empty strings
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#concat
SELECT CONCAT('', '') AS v;
[{"v": ""}];

# title: concat bytes
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#concat
SELECT CONCAT(b'ab', b'c') AS v;
[{"v": "YWJj"}];

# title: concat operator
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#concat
SELECT 'Jo' || 'hn' || ' Doe' AS v;
[{"v": "John Doe"}];

# title: concat operator null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#concat
SELECT 'a' || NULL AS v;
[{"v": null}];

# title: concat unicode
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#concat
SELECT CONCAT('例', '子') AS v;
[{"v": "例子"}];

# title: concat first and last name
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#concat
SELECT CONCAT(first_name, ' ', last_name) AS v FROM (SELECT 'John' AS first_name, 'Doe' AS last_name);
[{"v": "John Doe"}];

-- lengths

# title: char_length cyrillic
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#char_length
SELECT CHAR_LENGTH('абвгд') AS v;
[{"v": 5}];

# title: character_length cyrillic
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#character_length
SELECT CHARACTER_LENGTH('абвгд') AS v;
[{"v": 5}];

# title: byte_length cyrillic string
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#byte_length
SELECT BYTE_LENGTH('абвгд') AS v;
[{"v": 10}];

# title: byte_length bytes
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#byte_length
SELECT BYTE_LENGTH(b'абвгд') AS v;
[{"v": 10}];

# title: length string cyrillic
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#length
SELECT LENGTH('абвгд') AS v;
[{"v": 5}];

# title: length bytes cyrillic
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#length
SELECT LENGTH(CAST('абвгд' AS BYTES)) AS v;
[{"v": 10}];

# title: length null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#length
SELECT LENGTH(CAST(NULL AS STRING)) AS v;
[{"v": null}];

# title: length empty
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#length
SELECT LENGTH('') AS v;
[{"v": 0}];

# title: byte_length ascii
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#byte_length
SELECT BYTE_LENGTH('abc') AS v;
[{"v": 3}];

# title: char_length empty
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#char_length
SELECT CHAR_LENGTH('') AS v;
[{"v": 0}];

# title: length emoji counts one character
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#length
SELECT LENGTH('😀') AS a, BYTE_LENGTH('😀') AS b;
[{"a": 1, "b": 4}];

-- SUBSTR

# title: substr from 2 for 2
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#substr
SELECT SUBSTR('apple', 2, 2) AS v;
[{"v": "pp"}];

# title: substr from 2
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#substr
SELECT SUBSTR('apple', 2) AS v;
[{"v": "pple"}];

# title: substr negative position
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#substr
SELECT SUBSTR('apple', -2) AS v;
[{"v": "le"}];

# title: substr position past end
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#substr
SELECT SUBSTR('apple', 123) AS v;
[{"v": ""}];

# title: substr length past end
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#substr
SELECT SUBSTR('apple', 1, 123) AS v;
[{"v": "apple"}];

# title: substr position zero
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#substr
SELECT SUBSTR('apple', 0, 2) AS v;
[{"v": "ap"}];

# title: substr negative before start
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#substr
SELECT SUBSTR('apple', -123, 2) AS v;
[{"v": "ap"}];

# title: substr unicode
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#substr
SELECT SUBSTR('абвгд', 2, 3) AS v;
[{"v": "бвг"}];

# title: substring alias
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#substring
SELECT SUBSTRING('apple', 2, 2) AS v;
[{"v": "pp"}];

# title: substr bytes
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#substr
SELECT SUBSTR(b'apple', 2, 2) AS v;
[{"v": "cHA="}];

# title: substr negative length is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#substr
# error: invalidQuery
SELECT SUBSTR('apple', 1, -1) AS v;
Third argument in SUBSTR() cannot be negative;

# title: substr length zero
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#substr
SELECT SUBSTR('apple', 2, 0) AS v;
[{"v": ""}];

# title: substr null position
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#substr
SELECT SUBSTR('apple', NULL) AS v;
[{"v": null}];

-- LEFT and RIGHT

# title: left apple
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#left
SELECT LEFT('apple', 3) AS v;
[{"v": "app"}];

# title: left banana
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#left
SELECT LEFT('banana', 3) AS v;
[{"v": "ban"}];

# title: left longer than string
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#left
SELECT LEFT('ab', 10) AS v;
[{"v": "ab"}];

# title: left zero
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#left
SELECT LEFT('apple', 0) AS v;
[{"v": ""}];

# title: left bytes
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#left
SELECT LEFT(b'apple', 3) AS v;
[{"v": "YXBw"}];

# title: left unicode
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#left
SELECT LEFT('абвгд', 2) AS v;
[{"v": "аб"}];

# title: left negative is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#left
# error: invalidQuery
SELECT LEFT('apple', -1) AS v;
Second argument in LEFT() cannot be negative;

# title: right apple
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#right
SELECT RIGHT('apple', 3) AS v;
[{"v": "ple"}];

# title: right banana
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#right
SELECT RIGHT('banana', 3) AS v;
[{"v": "ana"}];

# title: right longer than string
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#right
SELECT RIGHT('ab', 10) AS v;
[{"v": "ab"}];

# title: right zero
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#right
SELECT RIGHT('apple', 0) AS v;
[{"v": ""}];

# title: right bytes
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#right
SELECT RIGHT(b'apple', 3) AS v;
[{"v": "cGxl"}];

# title: right unicode
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#right
SELECT RIGHT('абвгд', 2) AS v;
[{"v": "гд"}];

# title: right negative is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#right
# error: invalidQuery
SELECT RIGHT('apple', -1) AS v;
Second argument in RIGHT() cannot be negative;

-- LPAD and RPAD

# title: lpad default space
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#lpad
SELECT LPAD('c', 5) AS v;
[{"v": "    c"}];

# title: lpad pattern
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#lpad
SELECT LPAD('b', 5, 'a') AS v;
[{"v": "aaaab"}];

# title: lpad multi char pattern
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#lpad
SELECT LPAD('abc', 10, 'ghd') AS v;
[{"v": "ghdghdgabc"}];

# title: lpad truncates
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#lpad
SELECT LPAD('abc', 2, 'd') AS v;
[{"v": "ab"}];

# title: lpad unicode
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#lpad
SELECT LPAD('例子', 5, '中文') AS v;
[{"v": "中文中例子"}];

# title: lpad bytes
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#lpad
SELECT LPAD(b'abc', 5, b'x') AS v;
[{"v": "eHhhYmM="}];

# title: lpad zero length
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#lpad
SELECT LPAD('abc', 0) AS v;
[{"v": ""}];

# title: lpad null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#lpad
SELECT LPAD(NULL, 5) AS v;
[{"v": null}];

# title: lpad negative length is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#lpad
# error: invalidQuery
SELECT LPAD('abc', -1) AS v;
LPAD;

# title: lpad empty pattern is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#lpad
# error: invalidQuery
SELECT LPAD('abc', 5, '') AS v;
LPAD;

# title: rpad default space
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#rpad
SELECT RPAD('c', 5) AS v;
[{"v": "c    "}];

# title: rpad pattern
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#rpad
SELECT RPAD('b', 5, 'a') AS v;
[{"v": "baaaa"}];

# title: rpad multi char pattern
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#rpad
SELECT RPAD('abc', 10, 'ghd') AS v;
[{"v": "abcghdghdg"}];

# title: rpad truncates
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#rpad
SELECT RPAD('abc', 2, 'd') AS v;
[{"v": "ab"}];

# title: rpad unicode
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#rpad
SELECT RPAD('例子', 5, '中文') AS v;
[{"v": "例子中文中"}];

# title: rpad bytes
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#rpad
SELECT RPAD(b'abc', 5, b'x') AS v;
[{"v": "YWJjeHg="}];

# title: rpad negative length is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#rpad
# error: invalidQuery
SELECT RPAD('abc', -1) AS v;
RPAD;

-- TRIM

# title: trim whitespace
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#trim
SELECT TRIM('   apple   ') AS v;
[{"v": "apple"}];

# title: trim stars
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#trim
SELECT TRIM('***apple***', '*') AS v;
[{"v": "apple"}];

# title: trim set of characters
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#trim
SELECT TRIM('xzxapplexxy', 'xyz') AS v;
[{"v": "apple"}];

# title: trim tabs and newlines
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#trim
SELECT TRIM('\t\napple\n') AS v;
[{"v": "apple"}];

# title: trim bytes
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#trim
SELECT TRIM(b'xxabcxx', b'x') AS v;
[{"v": "YWJj"}];

# title: trim unicode characters
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#trim
SELECT TRIM('例apple例', '例') AS v;
[{"v": "apple"}];

# title: trim null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#trim
SELECT TRIM(NULL) AS v;
[{"v": null}];

# title: ltrim whitespace
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#ltrim
SELECT LTRIM('   apple   ') AS v;
[{"v": "apple   "}];

# title: ltrim stars
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#ltrim
SELECT LTRIM('***apple***', '*') AS v;
[{"v": "apple***"}];

# title: ltrim set of characters
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#ltrim
SELECT LTRIM('xxxapplexxx', 'xyz') AS v;
[{"v": "applexxx"}];

# title: rtrim whitespace
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#rtrim
SELECT RTRIM('   apple   ') AS v;
[{"v": "   apple"}];

# title: rtrim stars
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#rtrim
SELECT RTRIM('***apple***', '*') AS v;
[{"v": "***apple"}];

# title: rtrim set of characters
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#rtrim
SELECT RTRIM('applexxz', 'xyz') AS v;
[{"v": "apple"}];

-- case

# title: upper
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#upper
SELECT UPPER('foo') AS v;
[{"v": "FOO"}];

# title: upper unicode
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#upper
SELECT UPPER('абв') AS v;
[{"v": "АБВ"}];

# title: upper bytes is ascii only
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#upper
SELECT UPPER(b'abc') AS v;
[{"v": "QUJD"}];

# title: lower
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#lower
SELECT LOWER('FOO BAR BAZ') AS v;
[{"v": "foo bar baz"}];

# title: lower unicode
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#lower
SELECT LOWER('ÄÖÜ') AS v;
[{"v": "äöü"}];

# title: lower bytes
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#lower
SELECT LOWER(b'ABC') AS v;
[{"v": "YWJj"}];

# title: initcap hello world
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#initcap
SELECT INITCAP('Hello World-everyone!') AS v;
[{"v": "Hello World-Everyone!"}];

# title: initcap shouting
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#initcap
SELECT INITCAP('THE dog BARKS loudly+friendly') AS v;
[{"v": "The Dog Barks Loudly+Friendly"}];

# title: initcap digits are not delimiters
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#initcap
SELECT INITCAP('apples1oranges2pears') AS v;
[{"v": "Apples1oranges2pears"}];

# title: initcap custom delimiters
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#initcap
SELECT INITCAP('tHisEisEaEsentence', 'E') AS v;
[{"v": "ThisEIsEAESentence"}];

# title: initcap delimiter is space
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#initcap
SELECT INITCAP('new york', ' ') AS v;
[{"v": "New York"}];

# title: initcap null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#initcap
SELECT INITCAP(NULL) AS v;
[{"v": null}];

-- REPLACE REPEAT REVERSE

# title: replace pie
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#replace
SELECT REPLACE('apple pie', 'pie', 'cobbler') AS v;
[{"v": "apple cobbler"}];

# title: replace blackberry
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#replace
SELECT REPLACE('blackberry pie', 'pie', 'cobbler') AS v;
[{"v": "blackberry cobbler"}];

# title: replace empty from is a no-op
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#replace
SELECT REPLACE('abc', '', 'x') AS v;
[{"v": "abc"}];

# title: replace with empty
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#replace
SELECT REPLACE('a-b-c', '-', '') AS v;
[{"v": "abc"}];

# title: replace null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#replace
SELECT REPLACE('abc', 'b', NULL) AS v;
[{"v": null}];

# title: replace bytes
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#replace
SELECT REPLACE(b'abc', b'b', b'x') AS v;
[{"v": "YXhj"}];

# title: repeat abc
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#repeat
SELECT REPEAT('abc', 3) AS v;
[{"v": "abcabcabc"}];

# title: repeat unicode
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#repeat
SELECT REPEAT('例子', 2) AS v;
[{"v": "例子例子"}];

# title: repeat zero
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#repeat
SELECT REPEAT('abc', 0) AS v;
[{"v": ""}];

# title: repeat null count
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#repeat
SELECT REPEAT('abc', NULL) AS v;
[{"v": null}];

# title: repeat null string
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#repeat
SELECT REPEAT(NULL, 3) AS v;
[{"v": null}];

# title: repeat negative is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#repeat
# error: invalidQuery
SELECT REPEAT('abc', -1) AS v;
REPEAT;

# title: upper bytes leaves non-ascii bytes
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#upper
SELECT UPPER(b'a\xe9') AS v;
[{"v": "Qek="}];

# title: reverse bytes keeps byte order inside characters
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#reverse
SELECT REVERSE(b'\x01\x02\x03') AS v;
[{"v": "AwIB"}];

# title: strpos bytes is byte aligned
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#strpos
SELECT STRPOS(b'\x11\x23', b'\x12') AS v;
[{"v": 0}];

# title: strpos bytes second byte
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#strpos
SELECT STRPOS(b'\x11\x23\x45', b'\x23\x45') AS v;
[{"v": 2}];

# title: replace bytes is byte aligned
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#replace
SELECT REPLACE(b'\x11\x23', b'\x12', b'\xff') AS v;
[{"v": "ESM="}];

# title: repeat bytes
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#repeat
SELECT REPEAT(b'ab', 2) AS v;
[{"v": "YWJhYg=="}];

# title: reverse
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#reverse
SELECT REVERSE('foo') AS v;
[{"v": "oof"}];

# title: reverse cyrillic
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#reverse
SELECT REVERSE('абвгд') AS v;
[{"v": "дгвба"}];

# title: reverse bytes
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#reverse
SELECT REVERSE(b'1a3') AS v;
[{"v": "M2Ex"}];

# title: reverse empty
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#reverse
SELECT REVERSE('') AS v;
[{"v": ""}];

-- STRPOS and INSTR

# title: strpos email
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#strpos
SELECT STRPOS('foo@example.com', '@') AS v;
[{"v": 4}];

# title: strpos missing
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#strpos
SELECT STRPOS('foo@example.com', 'z') AS v;
[{"v": 0}];

# title: strpos unicode
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#strpos
SELECT STRPOS('абвгд', 'г') AS v;
[{"v": 4}];

# title: strpos bytes
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#strpos
SELECT STRPOS(b'abc', b'c') AS v;
[{"v": 3}];

# title: strpos null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#strpos
SELECT STRPOS(NULL, 'a') AS v;
[{"v": null}];

# title: instr first
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#instr
SELECT INSTR('banana', 'an', 1, 1) AS v;
[{"v": 2}];

# title: instr second occurrence
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#instr
SELECT INSTR('banana', 'an', 1, 2) AS v;
[{"v": 4}];

# title: instr third occurrence missing
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#instr
SELECT INSTR('banana', 'an', 1, 3) AS v;
[{"v": 0}];

# title: instr from position 3
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#instr
SELECT INSTR('banana', 'an', 3, 1) AS v;
[{"v": 4}];

# title: instr negative position
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#instr
SELECT INSTR('banana', 'an', -1, 1) AS v;
[{"v": 4}];

# title: instr negative position 3
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#instr
SELECT INSTR('banana', 'an', -3, 1) AS v;
[{"v": 4}];

# title: instr no match
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#instr
SELECT INSTR('banana', 'ann', 1, 1) AS v;
[{"v": 0}];

# title: instr overlapping first
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#instr
SELECT INSTR('helloooo', 'oo', 1, 1) AS v;
[{"v": 5}];

# title: instr overlapping second
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#instr
SELECT INSTR('helloooo', 'oo', 1, 2) AS v;
[{"v": 6}];

# title: instr default position
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#instr
SELECT INSTR('banana', 'na') AS v;
[{"v": 3}];

# title: instr negative second occurrence
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#instr
SELECT INSTR('banana', 'an', -1, 2) AS v;
[{"v": 2}];

# title: instr position zero is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#instr
# error: invalidQuery
SELECT INSTR('banana', 'an', 0, 1) AS v;
INSTR;

# title: instr occurrence zero is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#instr
# error: invalidQuery
SELECT INSTR('banana', 'an', 1, 0) AS v;
INSTR;

-- STARTS_WITH ENDS_WITH

# title: starts_with false
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#starts_with
SELECT STARTS_WITH('foo', 'b') AS v;
[{"v": false}];

# title: starts_with true
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#starts_with
SELECT STARTS_WITH('bar', 'b') AS v;
[{"v": true}];

# title: starts_with empty prefix
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#starts_with
SELECT STARTS_WITH('bar', '') AS v;
[{"v": true}];

# title: starts_with null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#starts_with
SELECT STARTS_WITH(NULL, 'b') AS v;
[{"v": null}];

# title: starts_with bytes
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#starts_with
SELECT STARTS_WITH(b'bar', b'ba') AS v;
[{"v": true}];

# title: ends_with true
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#ends_with
SELECT ENDS_WITH('apple', 'e') AS v;
[{"v": true}];

# title: ends_with false
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#ends_with
SELECT ENDS_WITH('banana', 'e') AS v;
[{"v": false}];

# title: ends_with bytes
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#ends_with
SELECT ENDS_WITH(b'apple', b'le') AS v;
[{"v": true}];

-- SPLIT

# title: split comma
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#split
SELECT SPLIT('b,a,c', ',') AS v;
[{"v": ["b", "a", "c"]}];

# title: split default delimiter is comma
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#split
SELECT SPLIT('a,b') AS v;
[{"v": ["a", "b"]}];

# title: split space
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#split
SELECT SPLIT('a b c', ' ') AS v;
[{"v": ["a", "b", "c"]}];

# title: split empty delimiter gives characters
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#split
SELECT SPLIT('abc', '') AS v;
[{"v": ["a", "b", "c"]}];

# title: split empty delimiter unicode
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#split
SELECT SPLIT('абв', '') AS v;
[{"v": ["а", "б", "в"]}];

# title: split empty string gives one empty element
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#split
SELECT SPLIT('', ',') AS v;
[{"v": [""]}];

# title: split consecutive delimiters
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#split
SELECT SPLIT('a,,b', ',') AS v;
[{"v": ["a", "", "b"]}];

# title: split multi character delimiter
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#split
SELECT SPLIT('a::b::c', '::') AS v;
[{"v": ["a", "b", "c"]}];

# title: split no delimiter found
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#split
SELECT SPLIT('abc', ',') AS v;
[{"v": ["abc"]}];

# title: split null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#split
SELECT SPLIT(NULL, ',') AS v;
[{"v": []}];

# title: split bytes
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#split
SELECT SPLIT(b'a,b', b',') AS v;
[{"v": ["YQ==", "Yg=="]}];

# title: split bytes empty delimiter
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#split
SELECT SPLIT(b'ab', b'') AS v;
[{"v": ["YQ==", "Yg=="]}];

# title: split trailing delimiter
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#split
SELECT SPLIT('a,b,', ',') AS v;
[{"v": ["a", "b", ""]}];

-- FORMAT

# title: format d
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#format_string
SELECT FORMAT('%d', 10) AS v;
[{"v": "10"}];

# title: format padded d
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#format_string
SELECT FORMAT('|%10d|', 11) AS v;
[{"v": "|        11|"}];

# title: format zero padded d
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#format_string
SELECT FORMAT('+%010d+', 12) AS v;
[{"v": "+0000000012+"}];

# title: format i
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#format_string
SELECT FORMAT('%i', 7) AS v;
[{"v": "7"}];

# title: format s
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#format_string
SELECT FORMAT('%s', 'hello') AS v;
[{"v": "hello"}];

# title: format left aligned s
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#format_string
SELECT FORMAT('|%-5s|', 'ab') AS v;
[{"v": "|ab   |"}];

# title: format f
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#format_string
SELECT FORMAT('%f', 1.1) AS v;
[{"v": "1.100000"}];

# title: format precision f
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#format_string
SELECT FORMAT('%.3f', 3.14159) AS v;
[{"v": "3.142"}];

# title: format e
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#format_string
SELECT FORMAT('%e', 392.65) AS v;
[{"v": "3.926500e+02"}];

# title: format E
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#format_string
SELECT FORMAT('%E', 392.65) AS v;
[{"v": "3.926500E+02"}];

# title: format g
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#format_string
SELECT FORMAT('%g', 392.65) AS v;
[{"v": "392.65"}];

# title: format x
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#format_string
SELECT FORMAT('%x', 255) AS v;
[{"v": "ff"}];

# title: format X
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#format_string
SELECT FORMAT('%X', 255) AS v;
[{"v": "FF"}];

# title: format o
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#format_string
SELECT FORMAT('%o', 8) AS v;
[{"v": "10"}];

# title: format percent
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#format_string
SELECT FORMAT('100%%') AS v;
[{"v": "100%"}];

# title: format several
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#format_string
SELECT FORMAT('%s has %d items', 'cart', 3) AS v;
[{"v": "cart has 3 items"}];

# title: format plus sign
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#format_string
SELECT FORMAT('%+d', 5) AS v;
[{"v": "+5"}];

# title: format thousands separator
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#format_string
SELECT FORMAT("%'d", 123456789) AS v;
[{"v": "123,456,789"}];

# title: format t string
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#format_string
SELECT FORMAT('%t', 'abc') AS v;
[{"v": "abc"}];

# title: format T string is quoted
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#format_string
SELECT FORMAT('%T', 'abc') AS v;
[{"v": "\"abc\""}];

# title: format t int
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#format_string
SELECT FORMAT('%t', 12) AS v;
[{"v": "12"}];

# title: format t array
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#format_string
SELECT FORMAT('%t', [1, 2]) AS v;
[{"v": "[1, 2]"}];

# title: format T date
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#format_string
SELECT FORMAT('%T', DATE '2024-01-02') AS v;
[{"v": "DATE \"2024-01-02\""}];

# title: format null argument
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#format_string
SELECT FORMAT('%s', CAST(NULL AS STRING)) AS v;
[{"v": null}];

-- code points

# title: ascii
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#ascii
SELECT ASCII('abcd') AS v;
[{"v": 97}];

# title: ascii single
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#ascii
SELECT ASCII('a') AS v;
[{"v": 97}];

# title: ascii empty is zero
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#ascii
SELECT ASCII('') AS v;
[{"v": 0}];

# title: ascii null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#ascii
SELECT ASCII(NULL) AS v;
[{"v": null}];

# title: ascii bytes
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#ascii
SELECT ASCII(b'Abc') AS v;
[{"v": 65}];

# title: unicode
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#unicode
SELECT UNICODE('âbcd') AS v;
[{"v": 226}];

# title: unicode empty is zero
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#unicode
SELECT UNICODE('') AS v;
[{"v": 0}];

# title: chr 65
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#chr
SELECT CHR(65) AS v;
[{"v": "A"}];

# title: chr 255
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#chr
SELECT CHR(255) AS v;
[{"v": "ÿ"}];

# title: chr 513
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#chr
SELECT CHR(513) AS v;
[{"v": "ȁ"}];

# title: chr 1024
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#chr
SELECT CHR(1024) AS v;
[{"v": "Ѐ"}];

# title: chr 97
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#chr
SELECT CHR(97) AS v;
[{"v": "a"}];

# title: chr hex cjk
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#chr
SELECT CHR(0xF9B5) AS v;
[{"v": "例"}];

# title: chr null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#chr
SELECT CHR(NULL) AS v;
[{"v": null}];

# title: code_points_to_string
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#code_points_to_string
SELECT CODE_POINTS_TO_STRING([65, 255, 513, 1024]) AS v;
[{"v": "AÿȁЀ"}];

# title: code_points_to_string with null element
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#code_points_to_string
SELECT CODE_POINTS_TO_STRING([65, 255, NULL, 1024]) AS v;
[{"v": null}];

# title: code_points_to_string empty
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#code_points_to_string
SELECT CODE_POINTS_TO_STRING(CAST([] AS ARRAY<INT64>)) AS v;
[{"v": ""}];

# title: code_points_to_bytes
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#code_points_to_bytes
SELECT CODE_POINTS_TO_BYTES([65, 98, 67, 100]) AS v;
[{"v": "QWJDZA=="}];

# title: to_code_points string
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#to_code_points
SELECT TO_CODE_POINTS('foo') AS v;
[{"v": [102, 111, 111]}];

# title: to_code_points empty
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#to_code_points
SELECT TO_CODE_POINTS('') AS v;
[{"v": []}];

# title: to_code_points unicode
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#to_code_points
SELECT TO_CODE_POINTS('Ā') AS v;
[{"v": [256]}];

# title: to_code_points bytes
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#to_code_points
SELECT TO_CODE_POINTS(b'Ā') AS v;
[{"v": [196, 128]}];

# title: to_code_points bytes ascii
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#to_code_points
SELECT TO_CODE_POINTS(b'\x66\x6f\x6f') AS v;
[{"v": [102, 111, 111]}];

# title: to_code_points null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#to_code_points
SELECT TO_CODE_POINTS(CAST(NULL AS STRING)) AS v;
[{"v": []}];

-- NORMALIZE SOUNDEX TRANSLATE CONTAINS_SUBSTR

# title: normalize composed equals decomposed
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#normalize
SELECT NORMALIZE('\u00ea') = NORMALIZE('\u0065\u0302') AS v;
[{"v": true}];

# title: normalize nfkc spaces
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#normalize
SELECT NORMALIZE('Raha\u2004Mahan', NFKC) AS v;
[{"v": "Raha Mahan"}];

# title: normalize nfd length
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#normalize
SELECT LENGTH(NORMALIZE('\u00ea', NFD)) AS v;
[{"v": 2}];

# title: normalize nfc length
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#normalize
SELECT LENGTH(NORMALIZE('\u0065\u0302', NFC)) AS v;
[{"v": 1}];

# title: normalize nfkd ligature
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#normalize
SELECT NORMALIZE('\ufb01', NFKD) AS v;
[{"v": "fi"}];

# title: normalize_and_casefold
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#normalize_and_casefold
SELECT NORMALIZE_AND_CASEFOLD('The Red Barn') = NORMALIZE_AND_CASEFOLD('the red barn') AS v;
[{"v": true}];

# title: normalize_and_casefold nfkc
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#normalize_and_casefold
SELECT NORMALIZE_AND_CASEFOLD('\u2168', NFKC) AS v;
[{"v": "ix"}];

# title: soundex ashcraft
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#soundex
SELECT SOUNDEX('Ashcraft') AS v;
[{"v": "A261"}];

# title: soundex raven
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#soundex
SELECT SOUNDEX('Raven') AS v;
[{"v": "R150"}];

# title: soundex ribbon
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#soundex
SELECT SOUNDEX('Ribbon') AS v;
[{"v": "R150"}];

# title: soundex keeps first letter case
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#soundex
SELECT SOUNDEX('apple') AS v;
[{"v": "a140"}];

# title: soundex hello world
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#soundex
SELECT SOUNDEX('Hello world!') AS v;
[{"v": "H464"}];

# title: soundex skips non letters
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#soundex
SELECT SOUNDEX('H3##[\'lloo') AS v;
[{"v": "H400"}];

# title: soundex empty
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#soundex
SELECT SOUNDEX('') AS v;
[{"v": ""}];

# title: soundex null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#soundex
SELECT SOUNDEX(NULL) AS v;
[{"v": null}];

# title: translate cookie
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#translate
SELECT TRANSLATE('This is a cookie', 'sco', 'zku') AS v;
[{"v": "Thiz iz a kuukie"}];

# title: translate removes unmatched source characters
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#translate
SELECT TRANSLATE('abcde', 'abc', 'x') AS v;
[{"v": "xde"}];

# title: translate null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#translate
SELECT TRANSLATE(NULL, 'a', 'b') AS v;
[{"v": null}];

# title: translate duplicate source character is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#translate
# error: invalidQuery
SELECT TRANSLATE('abc', 'aa', 'xy') AS v;
Duplicate character;

# title: contains_substr case insensitive
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#contains_substr
SELECT CONTAINS_SUBSTR('the blue house', 'Blue house') AS v;
[{"v": true}];

# title: contains_substr false
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#contains_substr
SELECT CONTAINS_SUBSTR('the red house', 'blue') AS v;
[{"v": false}];

# title: contains_substr empty search
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#contains_substr
SELECT CONTAINS_SUBSTR('abc', '') AS v;
[{"v": true}];

# title: contains_substr null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#contains_substr
SELECT CONTAINS_SUBSTR(CAST(NULL AS STRING), 'a') AS v;
[{"v": null}];

# title: contains_substr normalizes nfkc
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#contains_substr
SELECT CONTAINS_SUBSTR('\u2168', 'IX') AS v;
[{"v": true}];

# title: contains_substr number
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#contains_substr
SELECT CONTAINS_SUBSTR(12345, '234') AS v;
[{"v": true}];

-- LIKE

# title: like prefix
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#like_operator
SELECT 'apple' LIKE 'a%' AS v;
[{"v": true}];

# title: like underscore
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#like_operator
SELECT 'apple' LIKE 'a__le' AS v;
[{"v": true}];

# title: like is case sensitive
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#like_operator
SELECT 'Apple' LIKE 'a%' AS v;
[{"v": false}];

# title: like no wildcard
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#like_operator
SELECT 'apple' LIKE 'apple' AS v;
[{"v": true}];

# title: like escaped percent
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#like_operator
SELECT 'a%b' LIKE 'a\\%b' AS a, 'axb' LIKE 'a\\%b' AS b;
[{"a": true, "b": false}];

# title: like escaped underscore
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#like_operator
SELECT 'a_b' LIKE r'a\_b' AS a, 'axb' LIKE r'a\_b' AS b;
[{"a": true, "b": false}];

# title: not like
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#like_operator
SELECT 'apple' NOT LIKE 'b%' AS v;
[{"v": true}];

# title: like null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#like_operator
SELECT CAST(NULL AS STRING) LIKE 'a%' AS v;
[{"v": null}];

# title: like matches newline with percent
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#like_operator
SELECT 'a\nb' LIKE 'a%b' AS v;
[{"v": true}];

# title: like bytes
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#like_operator
SELECT b'apple' LIKE b'a%' AS v;
[{"v": true}];

# title: like any
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#like_operator
SELECT 'apple' LIKE ANY ('b%', 'a%') AS v;
[{"v": true}];

# title: like all
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#like_operator
SELECT 'apple' LIKE ALL ('a%', '%e') AS v;
[{"v": true}];

-- REGEXP

# title: regexp_contains email
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#regexp_contains
SELECT REGEXP_CONTAINS('foo@example.com', r'@[a-zA-Z0-9-]+\.[a-zA-Z0-9-.]+') AS v;
[{"v": true}];

# title: regexp_contains no match
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#regexp_contains
SELECT REGEXP_CONTAINS('www.example.net', r'@[a-zA-Z0-9-]+\.[a-zA-Z0-9-.]+') AS v;
[{"v": false}];

# title: regexp_contains anchored full match
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#regexp_contains
SELECT REGEXP_CONTAINS('a@foo.com', r'^([\w.+-]+@foo\.com|[\w.+-]+@bar\.org)$') AS v;
[{"v": true}];

# title: regexp_contains case insensitive flag
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#regexp_contains
SELECT REGEXP_CONTAINS('ABC', r'(?i)abc') AS v;
[{"v": true}];

# title: regexp_contains null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#regexp_contains
SELECT REGEXP_CONTAINS(NULL, 'a') AS v;
[{"v": null}];

# title: regexp_contains dot does not match newline
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#regexp_contains
SELECT REGEXP_CONTAINS('a\nb', 'a.b') AS v;
[{"v": false}];

# title: regexp_contains bytes
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#regexp_contains
SELECT REGEXP_CONTAINS(b'abc', b'b.') AS v;
[{"v": true}];

# title: regexp_contains invalid pattern is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#regexp_contains
# error: invalidQuery
SELECT REGEXP_CONTAINS('abc', '(') AS v;
missing );

# title: regexp_extract whole match
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#regexp_extract
SELECT REGEXP_EXTRACT('foo@example.com', r'^[a-zA-Z0-9_.+-]+') AS v;
[{"v": "foo"}];

# title: regexp_extract capturing group
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#regexp_extract
SELECT REGEXP_EXTRACT('foo@example.com', r'^([a-zA-Z0-9_.+-]+)@') AS v;
[{"v": "foo"}];

# title: regexp_extract no match
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#regexp_extract
SELECT REGEXP_EXTRACT('abc', r'\d+') AS v;
[{"v": null}];

# title: regexp_extract occurrence 1
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#regexp_extract
SELECT REGEXP_EXTRACT('Hello Helloo and Hellooo', 'H?ello+') AS v;
[{"v": "Hello"}];

# title: regexp_extract occurrence 2
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#regexp_extract
SELECT REGEXP_EXTRACT('Hello Helloo and Hellooo', 'H?ello+', 1, 2) AS v;
[{"v": "Helloo"}];

# title: regexp_extract occurrence 3
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#regexp_extract
SELECT REGEXP_EXTRACT('Hello Helloo and Hellooo', 'H?ello+', 1, 3) AS v;
[{"v": "Hellooo"}];

# title: regexp_extract occurrence 4 missing
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#regexp_extract
SELECT REGEXP_EXTRACT('Hello Helloo and Hellooo', 'H?ello+', 1, 4) AS v;
[{"v": null}];

# title: regexp_extract position 2
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#regexp_extract
SELECT REGEXP_EXTRACT('Hello Helloo and Hellooo', 'H?ello+', 2, 1) AS v;
[{"v": "ello"}];

# title: regexp_extract position 3
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#regexp_extract
SELECT REGEXP_EXTRACT('Hello Helloo and Hellooo', 'H?ello+', 3, 1) AS v;
[{"v": "Helloo"}];

# title: regexp_extract position 3 occurrence 2
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#regexp_extract
SELECT REGEXP_EXTRACT('Hello Helloo and Hellooo', 'H?ello+', 3, 2) AS v;
[{"v": "Hellooo"}];

# title: regexp_extract position past end
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#regexp_extract
SELECT REGEXP_EXTRACT('Hello Helloo and Hellooo', 'H?ello+', 20, 1) AS v;
[{"v": null}];

# title: regexp_extract two groups is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#regexp_extract
# error: invalidQuery
SELECT REGEXP_EXTRACT('ab', '(a)(b)') AS v;
Regular expressions passed into extraction functions must not have more than 1 capturing group;

# title: regexp_extract optional group unmatched
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#regexp_extract
SELECT REGEXP_EXTRACT('ab', 'a(x)?') AS v;
[{"v": null}];

# title: regexp_extract position zero is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#regexp_extract
# error: invalidQuery
SELECT REGEXP_EXTRACT('abc', 'b', 0) AS v;
REGEXP_EXTRACT;

# title: regexp_extract unicode
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#regexp_extract
SELECT REGEXP_EXTRACT('абв123', r'\p{Cyrillic}+') AS v;
[{"v": "абв"}];

# title: regexp_substr synonym
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#regexp_substr
SELECT REGEXP_SUBSTR('Hello World Helloo', 'H?ello+', 1, 2) AS v;
[{"v": "Helloo"}];

# title: regexp_substr first
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#regexp_substr
SELECT REGEXP_SUBSTR('ab@cd-ef', '@[^-]*') AS v;
[{"v": "@cd"}];

# title: regexp_extract_all backticks
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#regexp_extract_all
SELECT REGEXP_EXTRACT_ALL('Try `function(x)` or `function(y)`', '`(.+?)`') AS v;
[{"v": ["function(x)", "function(y)"]}];

# title: regexp_extract_all digits
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#regexp_extract_all
SELECT REGEXP_EXTRACT_ALL('a1b22c333', r'\d+') AS v;
[{"v": ["1", "22", "333"]}];

# title: regexp_extract_all no match
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#regexp_extract_all
SELECT REGEXP_EXTRACT_ALL('abc', r'\d') AS v;
[{"v": []}];

# title: regexp_extract_all two groups is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#regexp_extract_all
# error: invalidQuery
SELECT REGEXP_EXTRACT_ALL('ab', '(a)(b)') AS v;
more than 1 capturing group;

# title: regexp_extract_all empty matches
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#regexp_extract_all
SELECT ARRAY_LENGTH(REGEXP_EXTRACT_ALL('ab', 'x*')) AS v;
[{"v": 3}];

# title: regexp_replace heading
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#regexp_replace
SELECT REGEXP_REPLACE('# Heading', r'^# ([a-zA-Z0-9\s]+$)', '<h1>\\1</h1>') AS v;
[{"v": "<h1>Heading</h1>"}];

# title: regexp_replace every match
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#regexp_replace
SELECT REGEXP_REPLACE('a1b2c3', r'\d', 'X') AS v;
[{"v": "aXbXcX"}];

# title: regexp_replace backreference swap
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#regexp_replace
SELECT REGEXP_REPLACE('John Smith', r'(\w+) (\w+)', r'\2, \1') AS v;
[{"v": "Smith, John"}];

# title: regexp_replace whole match reference
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#regexp_replace
SELECT REGEXP_REPLACE('abc', 'b', r'[\0]') AS v;
[{"v": "a[b]c"}];

# title: regexp_replace no match
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#regexp_replace
SELECT REGEXP_REPLACE('abc', 'x', 'y') AS v;
[{"v": "abc"}];

# title: regexp_replace null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#regexp_replace
SELECT REGEXP_REPLACE(NULL, 'x', 'y') AS v;
[{"v": null}];

# title: regexp_replace empty pattern
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#regexp_replace
SELECT REGEXP_REPLACE('abc', '', '-') AS v;
[{"v": "-a-b-c-"}];

# title: regexp_replace anchored
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#regexp_replace
SELECT REGEXP_REPLACE('aaa', '^a', 'b') AS v;
[{"v": "baa"}];

# title: regexp_instr basic
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#regexp_instr
SELECT REGEXP_INSTR('ab@cd-ef', '@[^-]*') AS v;
[{"v": 3}];

# title: regexp_instr shorter
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#regexp_instr
SELECT REGEXP_INSTR('ab@d-ef', '@[^-]*') AS v;
[{"v": 3}];

# title: regexp_instr later
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#regexp_instr
SELECT REGEXP_INSTR('abc@cd-ef', '@[^-]*') AS v;
[{"v": 4}];

# title: regexp_instr no match
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#regexp_instr
SELECT REGEXP_INSTR('abc-ef', '@[^-]*') AS v;
[{"v": 0}];

# title: regexp_instr position 1
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#regexp_instr
SELECT REGEXP_INSTR('a@cd-ef b@cd-ef', '@[^-]*', 1) AS v;
[{"v": 2}];

# title: regexp_instr position 3
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#regexp_instr
SELECT REGEXP_INSTR('a@cd-ef b@cd-ef', '@[^-]*', 3) AS v;
[{"v": 10}];

# title: regexp_instr position past last match
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#regexp_instr
SELECT REGEXP_INSTR('a@cd-ef b@cd-ef', '@[^-]*', 11) AS v;
[{"v": 0}];

# title: regexp_instr occurrence 2
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#regexp_instr
SELECT REGEXP_INSTR('a@cd-ef b@cd-ef c@cd-ef', '@[^-]*', 1, 2) AS v;
[{"v": 10}];

# title: regexp_instr occurrence 3
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#regexp_instr
SELECT REGEXP_INSTR('a@cd-ef b@cd-ef c@cd-ef', '@[^-]*', 1, 3) AS v;
[{"v": 18}];

# title: regexp_instr end position
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#regexp_instr
SELECT REGEXP_INSTR('a@cd-ef', '@[^-]*', 1, 1, 1) AS v;
[{"v": 5}];

# title: regexp_instr start position option
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#regexp_instr
SELECT REGEXP_INSTR('a@cd-ef', '@[^-]*', 1, 1, 0) AS v;
[{"v": 2}];

# title: regexp_instr null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#regexp_instr
SELECT REGEXP_INSTR(NULL, 'a') AS v;
[{"v": null}];

# title: regexp_instr unicode positions are characters
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#regexp_instr
SELECT REGEXP_INSTR('абв@', '@') AS v;
[{"v": 4}];

-- COLLATE

# title: collate case insensitive equality
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#collate
SELECT COLLATE('a', 'und:ci') = 'A' AS v;
[{"v": true}];

# title: collate binary
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#collate
SELECT COLLATE('a', '') = 'A' AS v;
[{"v": false}];

-- BYTES arguments and %t/%T (bqhouse fixes)

# title: like bytes column cast
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#like_operator
SELECT CAST(s AS BYTES) LIKE b'b_n%' AS v FROM UNNEST(['banana', 'bread']) AS s ORDER BY s;
[{"v": true}, {"v": false}];

# title: like bytes escaped percent
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#like_operator
SELECT b'100%' LIKE b'100\\%' AS a, b'1000' LIKE b'100\\%' AS b;
[{"a": true, "b": false}];

# title: regexp_contains bytes no match
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#regexp_contains
SELECT REGEXP_CONTAINS(b'abc', b'^c') AS v;
[{"v": false}];

# title: substr bytes negative position
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#substr
SELECT SUBSTR(b'apple', -2) AS v;
[{"v": "bGU="}];

# title: substr negative position before the start
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#substr
SELECT SUBSTR('apple', -10, 3) AS v;
[{"v": "app"}];

# title: substr position past the end is empty
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#substr
SELECT SUBSTR('apple', 10) AS v;
[{"v": ""}];

# title: substr zero length is empty
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#substr
SELECT SUBSTR('apple', 2, 0) AS v;
[{"v": ""}];

# title: substr negative length from a column is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#substr
# error: invalidQuery
SELECT SUBSTR('apple', 1, n) AS v FROM UNNEST([-2]) AS n;
Third argument in SUBSTR() cannot be negative;

# title: substr multibyte characters
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#substr
SELECT SUBSTR('héllo', 2, 3) AS v, SUBSTRING('héllo', -3) AS w;
[{"v": "éll", "w": "llo"}];

# title: format T string with a quote
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#format_string
SELECT FORMAT('%T', 'a"b') AS v;
[{"v": "\"a\\\"b\""}];

# title: format t null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#format_string
SELECT FORMAT('%t|%T', CAST(NULL AS STRING), CAST(NULL AS INT64)) AS v;
[{"v": "NULL|NULL"}];

# title: format thousands separator negative
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#format_string
SELECT FORMAT("%'d and %s", -1234567, 'x') AS v;
[{"v": "-1,234,567 and x"}];

# title: format t with width
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#format_string
SELECT FORMAT('[%5t]', 12) AS v;
[{"v": "[   12]"}];
