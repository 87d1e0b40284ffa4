-- TIMESTAMP functions

# title: timestamp from string with offset
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#timestamp
SELECT TIMESTAMP('2008-12-25 15:30:00+00') AS r;
[{"r": "2008-12-25T15:30:00+00:00"}];

# title: timestamp from string and zone
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#timestamp
SELECT TIMESTAMP('2008-12-25 15:30:00', 'America/Los_Angeles') AS r;
[{"r": "2008-12-25T23:30:00+00:00"}];

# title: timestamp from string with utc suffix
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#timestamp
SELECT TIMESTAMP('2008-12-25 15:30:00 UTC') AS r;
[{"r": "2008-12-25T15:30:00+00:00"}];

# title: timestamp from datetime
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#timestamp
SELECT TIMESTAMP(DATETIME '2008-12-25 15:30:00') AS r;
[{"r": "2008-12-25T15:30:00+00:00"}];

# title: timestamp from date
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#timestamp
SELECT TIMESTAMP(DATE '2008-12-25') AS r;
[{"r": "2008-12-25T00:00:00+00:00"}];

# title: timestamp from datetime and zone
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#timestamp
SELECT TIMESTAMP(DATETIME '2008-12-25 15:30:00', 'America/Los_Angeles') AS r;
[{"r": "2008-12-25T23:30:00+00:00"}];

# title: timestamp from date and zone
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#timestamp
SELECT TIMESTAMP(DATE '2008-12-25', 'America/Los_Angeles') AS r;
[{"r": "2008-12-25T08:00:00+00:00"}];

# title: timestamp from string and offset zone
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#timestamp
SELECT TIMESTAMP('2008-12-25 15:30:00', '+08') AS r;
[{"r": "2008-12-25T07:30:00+00:00"}];

# title: timestamp literal with zone name
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/lexical#timestamp_literals
SELECT TIMESTAMP '2014-09-27 12:30:00 America/Los_Angeles' AS r;
[{"r": "2014-09-27T19:30:00+00:00"}];

# title: timestamp literal with offset
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/lexical#timestamp_literals
SELECT TIMESTAMP '2014-09-27 12:30:00.45-08' AS r;
[{"r": "2014-09-27T20:30:00.450000+00:00"}];

# title: timestamp literal without zone is utc
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/lexical#timestamp_literals
SELECT TIMESTAMP '2014-09-27 12:30:00' AS r;
[{"r": "2014-09-27T12:30:00+00:00"}];

# title: timestamp literal date only
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/lexical#timestamp_literals
SELECT TIMESTAMP '2014-09-27' AS r;
[{"r": "2014-09-27T00:00:00+00:00"}];

# title: current_timestamp is recent
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#current_timestamp
SELECT CURRENT_TIMESTAMP() > TIMESTAMP '2020-01-01' AS r;
[{"r": true}];

# title: current_timestamp without parentheses
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#current_timestamp
SELECT CURRENT_TIMESTAMP IS NOT NULL AS r;
[{"r": true}];

# title: extract hour in zone
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#extract
SELECT EXTRACT(HOUR FROM TIMESTAMP '2008-12-25 05:30:00+00' AT TIME ZONE 'America/Los_Angeles') AS r;
[{"r": 21}];

# title: extract day in zone
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#extract
SELECT EXTRACT(DAY FROM TIMESTAMP '2008-12-25 05:30:00+00' AT TIME ZONE 'America/Los_Angeles') AS r;
[{"r": 24}];

# title: extract hour defaults to utc
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#extract
SELECT EXTRACT(HOUR FROM TIMESTAMP '2008-12-25 05:30:00+00') AS r;
[{"r": 5}];

# title: extract date from timestamp in zone
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#extract
SELECT EXTRACT(DATE FROM TIMESTAMP '2008-12-25 05:30:00+00' AT TIME ZONE 'America/Los_Angeles') AS r;
[{"r": "2008-12-24"}];

# title: extract datetime from timestamp
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#extract
SELECT EXTRACT(DATETIME FROM TIMESTAMP '2008-12-25 05:30:00+00') AS r;
[{"r": "2008-12-25T05:30:00"}];

# title: extract time from timestamp
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#extract
SELECT EXTRACT(TIME FROM TIMESTAMP '2008-12-25 05:30:00+00') AS r;
[{"r": "05:30:00"}];

# title: extract isoyear from timestamp
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#extract
SELECT EXTRACT(ISOYEAR FROM TIMESTAMP '2005-01-03 12:34:56+00') AS r;
[{"r": 2005}];

# title: extract week from timestamp
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#extract
SELECT EXTRACT(WEEK FROM TIMESTAMP '2005-01-03 12:34:56+00') AS r;
[{"r": 1}];

# title: extract dayofweek from timestamp
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#extract
SELECT EXTRACT(DAYOFWEEK FROM TIMESTAMP '2008-12-25 05:30:00+00') AS r;
[{"r": 5}];

# title: extract microsecond from timestamp
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#extract
SELECT EXTRACT(MICROSECOND FROM TIMESTAMP '2008-12-25 05:30:00.000123+00') AS r;
[{"r": 123}];

# title: timestamp_add minute
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#timestamp_add
SELECT TIMESTAMP_ADD(TIMESTAMP '2008-12-25 15:30:00+00', INTERVAL 10 MINUTE) AS r;
[{"r": "2008-12-25T15:40:00+00:00"}];

# title: timestamp_add hour
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#timestamp_add
SELECT TIMESTAMP_ADD(TIMESTAMP '2008-12-25 15:30:00+00', INTERVAL 10 HOUR) AS r;
[{"r": "2008-12-26T01:30:00+00:00"}];

# title: timestamp_add day
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#timestamp_add
SELECT TIMESTAMP_ADD(TIMESTAMP '2008-12-25 15:30:00+00', INTERVAL 7 DAY) AS r;
[{"r": "2009-01-01T15:30:00+00:00"}];

# title: timestamp_add millisecond
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#timestamp_add
SELECT TIMESTAMP_ADD(TIMESTAMP '2008-12-25 15:30:00+00', INTERVAL 1 MILLISECOND) AS r;
[{"r": "2008-12-25T15:30:00.001000+00:00"}];

# title: timestamp_add microsecond
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#timestamp_add
SELECT TIMESTAMP_ADD(TIMESTAMP '2008-12-25 15:30:00+00', INTERVAL 1 MICROSECOND) AS r;
[{"r": "2008-12-25T15:30:00.000001+00:00"}];

# title: timestamp_add second
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#timestamp_add
SELECT TIMESTAMP_ADD(TIMESTAMP '2008-12-25 15:30:00+00', INTERVAL 90 SECOND) AS r;
[{"r": "2008-12-25T15:31:30+00:00"}];

# title: timestamp_sub minute
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#timestamp_sub
SELECT TIMESTAMP_SUB(TIMESTAMP '2008-12-25 15:30:00+00', INTERVAL 10 MINUTE) AS r;
[{"r": "2008-12-25T15:20:00+00:00"}];

# title: timestamp_sub day
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#timestamp_sub
SELECT TIMESTAMP_SUB(TIMESTAMP '2008-12-25 15:30:00+00', INTERVAL 25 DAY) AS r;
[{"r": "2008-11-30T15:30:00+00:00"}];

# title: timestamp_sub hour
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#timestamp_sub
SELECT TIMESTAMP_SUB(TIMESTAMP '2008-12-25 00:30:00+00', INTERVAL 1 HOUR) AS r;
[{"r": "2008-12-24T23:30:00+00:00"}];

# title: timestamp_diff hour
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#timestamp_diff
SELECT TIMESTAMP_DIFF(TIMESTAMP '2010-07-07 10:20:00+00', TIMESTAMP '2008-12-25 15:30:00+00', HOUR) AS r;
[{"r": 13410}];

# title: timestamp_diff counts whole units
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#timestamp_diff
SELECT TIMESTAMP_DIFF(TIMESTAMP '2018-08-14', TIMESTAMP '2018-10-14', DAY) AS negative_diff;
[{"negative_diff": -61}];

# title: timestamp_diff hour truncates
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#timestamp_diff
SELECT TIMESTAMP_DIFF('2001-02-01 01:00:00', '2001-02-01 00:00:01', HOUR) AS r;
[{"r": 0}];

# title: timestamp_diff minute
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#timestamp_diff
SELECT TIMESTAMP_DIFF(TIMESTAMP '2008-12-25 16:10:00+00', TIMESTAMP '2008-12-25 15:30:00+00', MINUTE) AS r;
[{"r": 40}];

# title: timestamp_diff second
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#timestamp_diff
SELECT TIMESTAMP_DIFF(TIMESTAMP '2008-12-25 15:30:10+00', TIMESTAMP '2008-12-25 15:30:00+00', SECOND) AS r;
[{"r": 10}];

# title: timestamp_diff millisecond
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#timestamp_diff
SELECT TIMESTAMP_DIFF(TIMESTAMP '2008-12-25 15:30:00.5+00', TIMESTAMP '2008-12-25 15:30:00+00', MILLISECOND) AS r;
[{"r": 500}];

# title: timestamp_diff microsecond
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#timestamp_diff
SELECT TIMESTAMP_DIFF(TIMESTAMP '2008-12-25 15:30:00.000007+00', TIMESTAMP '2008-12-25 15:30:00+00', MICROSECOND) AS r;
[{"r": 7}];

# title: timestamp_diff day across zones
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#timestamp_diff
SELECT TIMESTAMP_DIFF(TIMESTAMP '2008-12-26 00:00:00+00', TIMESTAMP '2008-12-25 00:00:01+00', DAY) AS r;
[{"r": 0}];

# title: timestamp_trunc day utc
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#timestamp_trunc
SELECT TIMESTAMP_TRUNC(TIMESTAMP '2008-12-25 15:30:00+00', DAY, 'UTC') AS r;
[{"r": "2008-12-25T00:00:00+00:00"}];

# title: timestamp_trunc day los angeles
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#timestamp_trunc
SELECT TIMESTAMP_TRUNC(TIMESTAMP '2008-12-25 15:30:00+00', DAY, 'America/Los_Angeles') AS r;
[{"r": "2008-12-25T08:00:00+00:00"}];

# title: timestamp_trunc hour
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#timestamp_trunc
SELECT TIMESTAMP_TRUNC(TIMESTAMP '2008-12-25 15:30:00+00', HOUR) AS r;
[{"r": "2008-12-25T15:00:00+00:00"}];

# title: timestamp_trunc month
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#timestamp_trunc
SELECT TIMESTAMP_TRUNC(TIMESTAMP '2008-12-25 15:30:00+00', MONTH) AS r;
[{"r": "2008-12-01T00:00:00+00:00"}];

# title: timestamp_trunc year
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#timestamp_trunc
SELECT TIMESTAMP_TRUNC(TIMESTAMP '2008-12-25 15:30:00+00', YEAR) AS r;
[{"r": "2008-01-01T00:00:00+00:00"}];

# title: timestamp_trunc quarter
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#timestamp_trunc
SELECT TIMESTAMP_TRUNC(TIMESTAMP '2008-12-25 15:30:00+00', QUARTER) AS r;
[{"r": "2008-10-01T00:00:00+00:00"}];

# title: timestamp_trunc minute
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#timestamp_trunc
SELECT TIMESTAMP_TRUNC(TIMESTAMP '2008-12-25 15:30:59+00', MINUTE) AS r;
[{"r": "2008-12-25T15:30:00+00:00"}];

# title: timestamp_trunc second
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#timestamp_trunc
SELECT TIMESTAMP_TRUNC(TIMESTAMP '2008-12-25 15:30:59.9+00', SECOND) AS r;
[{"r": "2008-12-25T15:30:59+00:00"}];

# title: timestamp_trunc week monday in utc and pacific
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#timestamp_trunc
SELECT timestamp_value AS timestamp_value, TIMESTAMP_TRUNC(timestamp_value, WEEK(MONDAY), 'UTC') AS utc_truncated, TIMESTAMP_TRUNC(timestamp_value, WEEK(MONDAY), 'Pacific/Auckland') AS nzdt_truncated FROM (SELECT TIMESTAMP('2017-11-06 00:00:00+12') AS timestamp_value);
[{"timestamp_value": "2017-11-05T12:00:00+00:00", "utc_truncated": "2017-10-30T00:00:00+00:00", "nzdt_truncated": "2017-11-05T11:00:00+00:00"}];

# title: timestamp_trunc isoyear
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#timestamp_trunc
SELECT TIMESTAMP_TRUNC('2015-06-15 00:00:00+00', ISOYEAR) AS isoyear_boundary;
[{"isoyear_boundary": "2014-12-29T00:00:00+00:00"}];

# title: timestamp_trunc week sunday
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#timestamp_trunc
SELECT TIMESTAMP_TRUNC(TIMESTAMP '2008-12-25 15:30:00+00', WEEK) AS r;
[{"r": "2008-12-21T00:00:00+00:00"}];

# title: timestamp_trunc with offset zone
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#timestamp_trunc
SELECT TIMESTAMP_TRUNC(TIMESTAMP '2008-12-25 15:30:00+00', DAY, '+08') AS r;
[{"r": "2008-12-24T16:00:00+00:00"}];

# title: timestamp_seconds
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#timestamp_seconds
SELECT TIMESTAMP_SECONDS(1230219000) AS r;
[{"r": "2008-12-25T15:30:00+00:00"}];

# title: timestamp_millis
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#timestamp_millis
SELECT TIMESTAMP_MILLIS(1230219000000) AS r;
[{"r": "2008-12-25T15:30:00+00:00"}];

# title: timestamp_micros
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#timestamp_micros
SELECT TIMESTAMP_MICROS(1230219000000000) AS r;
[{"r": "2008-12-25T15:30:00+00:00"}];

# title: timestamp_seconds negative
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#timestamp_seconds
SELECT TIMESTAMP_SECONDS(-1) AS r;
[{"r": "1969-12-31T23:59:59+00:00"}];

# title: timestamp_millis keeps milliseconds
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#timestamp_millis
SELECT TIMESTAMP_MILLIS(1230219000123) AS r;
[{"r": "2008-12-25T15:30:00.123000+00:00"}];

# title: unix_seconds
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#unix_seconds
SELECT UNIX_SECONDS(TIMESTAMP '2008-12-25 15:30:00+00') AS r;
[{"r": 1230219000}];

# title: unix_millis
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#unix_millis
SELECT UNIX_MILLIS(TIMESTAMP '2008-12-25 15:30:00+00') AS r;
[{"r": 1230219000000}];

# title: unix_micros
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#unix_micros
SELECT UNIX_MICROS(TIMESTAMP '2008-12-25 15:30:00+00') AS r;
[{"r": 1230219000000000}];

# title: unix_seconds truncates fraction
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#unix_seconds
SELECT UNIX_SECONDS(TIMESTAMP '1970-01-01 00:00:01.8+00') AS r;
[{"r": 1}];

# title: unix_millis truncates fraction
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#unix_millis
SELECT UNIX_MILLIS(TIMESTAMP '1970-01-01 00:00:00.0018+00') AS r;
[{"r": 1}];

# title: format_timestamp c utc
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#format_timestamp
SELECT FORMAT_TIMESTAMP('%c', TIMESTAMP '2050-12-25 15:30:55+00', 'UTC') AS r;
[{"r": "Sun Dec 25 15:30:55 2050"}];

# title: format_timestamp b-d-Y
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#format_timestamp
SELECT FORMAT_TIMESTAMP('%b-%d-%Y', TIMESTAMP '2050-12-25 15:30:55+00') AS r;
[{"r": "Dec-25-2050"}];

# title: format_timestamp b Y
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#format_timestamp
SELECT FORMAT_TIMESTAMP('%b %Y', TIMESTAMP '2050-12-25 15:30:55+00') AS r;
[{"r": "Dec 2050"}];

# title: format_timestamp Y-m-dTH:M:SZ
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#format_timestamp
SELECT FORMAT_TIMESTAMP('%Y-%m-%dT%H:%M:%SZ', TIMESTAMP '2050-12-25 15:30:55', 'UTC') AS r;
[{"r": "2050-12-25T15:30:55Z"}];

# title: format_timestamp in los angeles
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#format_timestamp
SELECT FORMAT_TIMESTAMP('%c', TIMESTAMP '2050-12-25 15:30:55+00', 'America/Los_Angeles') AS r;
[{"r": "Sun Dec 25 07:30:55 2050"}];

# title: format_timestamp z utc
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/format-elements#format_elements_date_time
SELECT FORMAT_TIMESTAMP('%z', TIMESTAMP '2050-12-25 15:30:55+00') AS r;
[{"r": "+0000"}];

# title: format_timestamp Ez utc
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/format-elements#format_elements_date_time
SELECT FORMAT_TIMESTAMP('%Ez', TIMESTAMP '2050-12-25 15:30:55+00') AS r;
[{"r": "+00:00"}];

# title: format_timestamp z in zone
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/format-elements#format_elements_date_time
SELECT FORMAT_TIMESTAMP('%z', TIMESTAMP '2050-12-25 15:30:55+00', 'America/Los_Angeles') AS r;
[{"r": "-0800"}];

# title: format_timestamp Ez with offset zone
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/format-elements#format_elements_date_time
SELECT FORMAT_TIMESTAMP('%H:%M %Ez', TIMESTAMP '2050-12-25 15:30:55+00', '+05:30') AS r;
[{"r": "21:00 +05:30"}];

# title: format_timestamp Z utc
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/format-elements#format_elements_date_time
SELECT FORMAT_TIMESTAMP('%Z', TIMESTAMP '2050-12-25 15:30:55+00') AS r;
[{"r": "UTC"}];

# title: format_timestamp s
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/format-elements#format_elements_date_time
SELECT FORMAT_TIMESTAMP('%s', TIMESTAMP '2008-12-25 15:30:00+00') AS r;
[{"r": "1230219000"}];

# title: format_timestamp E6S
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/format-elements#format_elements_date_time
SELECT FORMAT_TIMESTAMP('%E6S', TIMESTAMP '2008-12-25 15:30:00.123456+00') AS r;
[{"r": "00.123456"}];

# title: format_timestamp E*S whole seconds
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/format-elements#format_elements_date_time
SELECT FORMAT_TIMESTAMP('%E*S', TIMESTAMP '2008-12-25 15:30:07+00') AS r;
[{"r": "07"}];

# title: format_timestamp F T
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/format-elements#format_elements_date_time
SELECT FORMAT_TIMESTAMP('%F %T', TIMESTAMP '2008-12-25 15:30:00+00') AS r;
[{"r": "2008-12-25 15:30:00"}];

# title: format_timestamp Q
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/format-elements#format_elements_date_time
SELECT FORMAT_TIMESTAMP('%Q', TIMESTAMP '2008-05-25 15:30:00+00') AS r;
[{"r": "2"}];

# title: parse_timestamp c
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#parse_timestamp
SELECT PARSE_TIMESTAMP('%c', 'Thu Dec 25 07:30:00 2008') AS r;
[{"r": "2008-12-25T07:30:00+00:00"}];

# title: parse_timestamp c in zone
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#parse_timestamp
SELECT PARSE_TIMESTAMP('%c', 'Thu Dec 25 07:30:00 2008', 'America/Los_Angeles') AS r;
[{"r": "2008-12-25T15:30:00+00:00"}];

# title: parse_timestamp with z offset
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#parse_timestamp
SELECT PARSE_TIMESTAMP('%Y-%m-%d %H:%M:%S %z', '2008-12-25 07:30:00 +0530') AS r;
[{"r": "2008-12-25T02:00:00+00:00"}];

# title: parse_timestamp with Ez offset
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#parse_timestamp
SELECT PARSE_TIMESTAMP('%Y-%m-%d %H:%M:%S%Ez', '2008-12-25 07:30:00+05:30') AS r;
[{"r": "2008-12-25T02:00:00+00:00"}];

# title: parse_timestamp F T
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#parse_timestamp
SELECT PARSE_TIMESTAMP('%F %T', '2008-12-25 07:30:00') AS r;
[{"r": "2008-12-25T07:30:00+00:00"}];

# title: parse_timestamp with offset zone argument
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#parse_timestamp
SELECT PARSE_TIMESTAMP('%F %T', '2008-12-25 07:30:00', '+02') AS r;
[{"r": "2008-12-25T05:30:00+00:00"}];

# title: parse_timestamp null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions#parse_timestamp
SELECT PARSE_TIMESTAMP('%F', NULL) AS r;
[{"r": null}];

# title: generate_timestamp_array days
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/array_functions#generate_timestamp_array
SELECT GENERATE_TIMESTAMP_ARRAY('2016-10-05 00:00:00', '2016-10-07 00:00:00', INTERVAL 1 DAY) AS r;
[{"r": ["2016-10-05T00:00:00+00:00", "2016-10-06T00:00:00+00:00", "2016-10-07T00:00:00+00:00"]}];

# title: generate_timestamp_array seconds
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/array_functions#generate_timestamp_array
SELECT GENERATE_TIMESTAMP_ARRAY('2016-10-05 00:00:00', '2016-10-05 00:00:02', INTERVAL 1 SECOND) AS r;
[{"r": ["2016-10-05T00:00:00+00:00", "2016-10-05T00:00:01+00:00", "2016-10-05T00:00:02+00:00"]}];

# title: generate_timestamp_array negative step
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/array_functions#generate_timestamp_array
SELECT GENERATE_TIMESTAMP_ARRAY('2016-10-06 00:00:00', '2016-10-01 00:00:00', INTERVAL -2 DAY) AS r;
[{"r": ["2016-10-06T00:00:00+00:00", "2016-10-04T00:00:00+00:00", "2016-10-02T00:00:00+00:00"]}];

# title: generate_timestamp_array empty
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/array_functions#generate_timestamp_array
SELECT GENERATE_TIMESTAMP_ARRAY('2016-10-06 00:00:00', '2016-10-05 00:00:00', INTERVAL 1 HOUR) AS r;
[{"r": []}];

# title: generate_timestamp_array single
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/array_functions#generate_timestamp_array
SELECT GENERATE_TIMESTAMP_ARRAY('2016-10-05 00:00:00', '2016-10-05 00:00:00', INTERVAL 1 HOUR) AS r;
[{"r": ["2016-10-05T00:00:00+00:00"]}];

# title: timestamp ordering
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#timestamp_type
SELECT TIMESTAMP '2008-12-25 15:30:00-08' = TIMESTAMP '2008-12-25 23:30:00+00' AS r;
[{"r": true}];

# title: timestamp plus interval operator
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#date_arithmetics_operators
SELECT TIMESTAMP '2008-12-25 15:30:00+00' + INTERVAL 2 HOUR AS r;
[{"r": "2008-12-25T17:30:00+00:00"}];

# title: timestamp minus timestamp interval hours
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#datetime_subtraction
SELECT EXTRACT(HOUR FROM TIMESTAMP '2008-12-25 15:30:00+00' - TIMESTAMP '2008-12-25 10:30:00+00') AS r;
[{"r": 5}];
