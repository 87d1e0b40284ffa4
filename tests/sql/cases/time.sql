-- TIME functions

# title: time from parts
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/time_functions#time
SELECT TIME(15, 30, 00) AS r;
[{"r": "15:30:00"}];

# title: time from timestamp and zone
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/time_functions#time
SELECT TIME(TIMESTAMP '2008-12-25 15:30:00+08', 'America/Los_Angeles') AS r;
[{"r": "23:30:00"}];

# title: time from datetime
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/time_functions#time
SELECT TIME(DATETIME '2008-12-25 15:30:00.000000') AS r;
[{"r": "15:30:00"}];

# title: time from timestamp utc
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/time_functions#time
SELECT TIME(TIMESTAMP '2008-12-25 15:30:00+00') AS r;
[{"r": "15:30:00"}];

# title: time literal
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/lexical#time_literals
SELECT TIME '12:30:00.45' AS r;
[{"r": "12:30:00.450000"}];

# title: current_time is a time
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/time_functions#current_time
SELECT CURRENT_TIME() IS NOT NULL AS r;
[{"r": true}];

# title: extract hour from time
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/time_functions#extract
SELECT EXTRACT(HOUR FROM TIME '15:30:07') AS r;
[{"r": 15}];

# title: extract minute from time
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/time_functions#extract
SELECT EXTRACT(MINUTE FROM TIME '15:30:07') AS r;
[{"r": 30}];

# title: extract second from time
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/time_functions#extract
SELECT EXTRACT(SECOND FROM TIME '15:30:07') AS r;
[{"r": 7}];

# title: time_add minute
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/time_functions#time_add
SELECT TIME_ADD(TIME '15:30:00', INTERVAL 10 MINUTE) AS r;
[{"r": "15:40:00"}];

# title: time_add hour
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/time_functions#time_add
SELECT TIME_ADD(TIME '15:30:00', INTERVAL 2 HOUR) AS r;
[{"r": "17:30:00"}];

# title: time_add wraps around midnight
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/time_functions#time_add
SELECT TIME_ADD(TIME '23:30:00', INTERVAL 2 HOUR) AS r;
[{"r": "01:30:00"}];

# title: time_add second
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/time_functions#time_add
SELECT TIME_ADD(TIME '15:30:00', INTERVAL 45 SECOND) AS r;
[{"r": "15:30:45"}];

# title: time_add millisecond
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/time_functions#time_add
SELECT TIME_ADD(TIME '15:30:00', INTERVAL 250 MILLISECOND) AS r;
[{"r": "15:30:00.250000"}];

# title: time_add microsecond
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/time_functions#time_add
SELECT TIME_ADD(TIME '15:30:00', INTERVAL 1 MICROSECOND) AS r;
[{"r": "15:30:00.000001"}];

# title: time_sub minute
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/time_functions#time_sub
SELECT TIME_SUB(TIME '15:30:00', INTERVAL 10 MINUTE) AS r;
[{"r": "15:20:00"}];

# title: time_sub wraps before midnight
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/time_functions#time_sub
SELECT TIME_SUB(TIME '00:30:00', INTERVAL 1 HOUR) AS r;
[{"r": "23:30:00"}];

# title: time_sub second
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/time_functions#time_sub
SELECT TIME_SUB(TIME '15:30:00', INTERVAL 1 SECOND) AS r;
[{"r": "15:29:59"}];

# title: time_diff minute
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/time_functions#time_diff
SELECT TIME_DIFF(TIME '15:30:00', TIME '14:35:00', MINUTE) AS r;
[{"r": 55}];

# title: time_diff hour truncates
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/time_functions#time_diff
SELECT TIME_DIFF(TIME '15:30:00', TIME '14:35:00', HOUR) AS r;
[{"r": 0}];

# title: time_diff negative
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/time_functions#time_diff
SELECT TIME_DIFF(TIME '14:35:00', TIME '15:30:00', MINUTE) AS r;
[{"r": -55}];

# title: time_diff second
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/time_functions#time_diff
SELECT TIME_DIFF(TIME '15:30:00', TIME '15:29:00', SECOND) AS r;
[{"r": 60}];

# title: time_diff millisecond
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/time_functions#time_diff
SELECT TIME_DIFF(TIME '15:30:00.5', TIME '15:30:00', MILLISECOND) AS r;
[{"r": 500}];

# title: time_diff microsecond
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/time_functions#time_diff
SELECT TIME_DIFF(TIME '15:30:00.000002', TIME '15:30:00', MICROSECOND) AS r;
[{"r": 2}];

# title: time_trunc hour
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/time_functions#time_trunc
SELECT TIME_TRUNC(TIME '15:30:00', HOUR) AS r;
[{"r": "15:00:00"}];

# title: time_trunc minute
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/time_functions#time_trunc
SELECT TIME_TRUNC(TIME '15:30:45', MINUTE) AS r;
[{"r": "15:30:00"}];

# title: time_trunc second
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/time_functions#time_trunc
SELECT TIME_TRUNC(TIME '15:30:45.123', SECOND) AS r;
[{"r": "15:30:45"}];

# title: time_trunc millisecond
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/time_functions#time_trunc
SELECT TIME_TRUNC(TIME '15:30:45.123456', MILLISECOND) AS r;
[{"r": "15:30:45.123000"}];

# title: format_time R
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/time_functions#format_time
SELECT FORMAT_TIME('%R', TIME '15:30:00') AS r;
[{"r": "15:30"}];

# title: format_time H M S
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/time_functions#format_time
SELECT FORMAT_TIME('%H:%M:%S', TIME '15:30:00') AS r;
[{"r": "15:30:00"}];

# title: format_time T
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/format-elements#format_elements_date_time
SELECT FORMAT_TIME('%T', TIME '05:06:07') AS r;
[{"r": "05:06:07"}];

# title: format_time I p
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/format-elements#format_elements_date_time
SELECT FORMAT_TIME('%I:%M %p', TIME '15:30:00') AS r;
[{"r": "03:30 PM"}];

# title: format_time E*S
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/format-elements#format_elements_date_time
SELECT FORMAT_TIME('%E*S', TIME '15:30:00.25') AS r;
[{"r": "00.25"}];

# title: format_time k
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/format-elements#format_elements_date_time
SELECT FORMAT_TIME('%k', TIME '08:00:00') AS r;
[{"r": " 8"}];

# title: parse_time H
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/time_functions#parse_time
SELECT PARSE_TIME('%H', '15') AS r;
[{"r": "15:00:00"}];

# title: parse_time T
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/time_functions#parse_time
SELECT PARSE_TIME('%T', '07:30:00') AS r;
[{"r": "07:30:00"}];

# title: parse_time I:M:S p
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/time_functions#parse_time
SELECT PARSE_TIME('%I:%M:%S %p', '2:23:38 pm') AS r;
[{"r": "14:23:38"}];

# title: parse_time H:M
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/time_functions#parse_time
SELECT PARSE_TIME('%H:%M', '15:30') AS r;
[{"r": "15:30:00"}];

# title: parse_time R
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/time_functions#parse_time
SELECT PARSE_TIME('%R', '15:30') AS r;
[{"r": "15:30:00"}];

# title: parse_time null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/time_functions#parse_time
SELECT PARSE_TIME('%H', NULL) AS r;
[{"r": null}];

# title: time ordering
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#time_type
SELECT TIME '23:59:59.999999' > TIME '00:00:00' AS r;
[{"r": true}];

# title: time of a timestamp column is utc
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/time_functions#time
SELECT TIME(ts) AS r FROM UNNEST([TIMESTAMP '2020-01-01 23:59:59.5+05']) AS ts;
[{"r": "18:59:59.500000"}];

# title: time of a datetime
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/time_functions#time
SELECT TIME(DATETIME '2020-01-01 10:11:12') AS r;
[{"r": "10:11:12"}];
