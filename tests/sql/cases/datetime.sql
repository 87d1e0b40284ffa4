-- DATETIME functions

# title: datetime from parts
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/datetime_functions#datetime
SELECT DATETIME(2008, 12, 25, 05, 30, 00) AS r;
[{"r": "2008-12-25T05:30:00"}];

# title: datetime from timestamp and zone
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/datetime_functions#datetime
SELECT DATETIME(TIMESTAMP '2008-12-25 05:30:00+00', 'America/Los_Angeles') AS r;
[{"r": "2008-12-24T21:30:00"}];

# title: datetime from date and time
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/datetime_functions#datetime
SELECT DATETIME(DATE '2008-12-25', TIME '05:30:00') AS r;
[{"r": "2008-12-25T05:30:00"}];

# title: datetime from date
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/datetime_functions#datetime
SELECT DATETIME(DATE '2008-12-25') AS r;
[{"r": "2008-12-25T00:00:00"}];

# title: datetime from timestamp defaults to utc
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/datetime_functions#datetime
SELECT DATETIME(TIMESTAMP '2008-12-25 05:30:00+00') AS r;
[{"r": "2008-12-25T05:30:00"}];

# title: datetime from timestamp with offset zone
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/datetime_functions#datetime
SELECT DATETIME(TIMESTAMP '2008-12-25 05:30:00+00', '+05:30') AS r;
[{"r": "2008-12-25T11:00:00"}];

# title: datetime literal
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/lexical#datetime_literals
SELECT DATETIME '2014-09-27 12:30:00.45' AS r;
[{"r": "2014-09-27T12:30:00.450000"}];

# title: datetime literal with T separator
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/lexical#datetime_literals
SELECT DATETIME '2014-09-27T12:30:00' AS r;
[{"r": "2014-09-27T12:30:00"}];

# title: current_datetime is recent
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/datetime_functions#current_datetime
SELECT CURRENT_DATETIME() > DATETIME '2020-01-01 00:00:00' AS r;
[{"r": true}];

# title: current_datetime with zone
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/datetime_functions#current_datetime
SELECT ABS(DATETIME_DIFF(CURRENT_DATETIME('Asia/Tokyo'), CURRENT_DATETIME(), HOUR)) BETWEEN 8 AND 9 AS r;
[{"r": true}];

# title: extract hour from datetime
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/datetime_functions#extract
SELECT EXTRACT(HOUR FROM DATETIME '2008-12-25 15:30:00') AS r;
[{"r": 15}];

# title: extract minute from datetime
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/datetime_functions#extract
SELECT EXTRACT(MINUTE FROM DATETIME '2008-12-25 15:30:00') AS r;
[{"r": 30}];

# title: extract second from datetime
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/datetime_functions#extract
SELECT EXTRACT(SECOND FROM DATETIME '2008-12-25 15:30:07') AS r;
[{"r": 7}];

# title: extract millisecond from datetime
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/datetime_functions#extract
SELECT EXTRACT(MILLISECOND FROM DATETIME '2008-12-25 15:30:07.123456') AS r;
[{"r": 123}];

# title: extract microsecond from datetime
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/datetime_functions#extract
SELECT EXTRACT(MICROSECOND FROM DATETIME '2008-12-25 15:30:07.123456') AS r;
[{"r": 123456}];

# title: extract date from datetime
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/datetime_functions#extract
SELECT EXTRACT(DATE FROM DATETIME '2008-12-25 15:30:00') AS r;
[{"r": "2008-12-25"}];

# title: extract time from datetime
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/datetime_functions#extract
SELECT EXTRACT(TIME FROM DATETIME '2008-12-25 15:30:00') AS r;
[{"r": "15:30:00"}];

# title: extract dayofweek from datetime
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/datetime_functions#extract
SELECT EXTRACT(DAYOFWEEK FROM DATETIME '2008-12-25 15:30:00') AS r;
[{"r": 5}];

# title: extract year from datetime
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/datetime_functions#extract
SELECT EXTRACT(YEAR FROM DATETIME '2008-12-25 15:30:00') AS r;
[{"r": 2008}];

# title: extract isoweek from datetime
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/datetime_functions#extract
SELECT EXTRACT(ISOWEEK FROM DATETIME '2005-01-03 12:34:56') AS r;
[{"r": 1}];

# title: extract week from datetime
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/datetime_functions#extract
SELECT EXTRACT(WEEK FROM DATETIME '2005-01-03 12:34:56') AS r;
[{"r": 1}];

# title: datetime_add minute
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/datetime_functions#datetime_add
SELECT DATETIME_ADD(DATETIME '2008-12-25 15:30:00', INTERVAL 10 MINUTE) AS r;
[{"r": "2008-12-25T15:40:00"}];

# title: datetime_add hour
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/datetime_functions#datetime_add
SELECT DATETIME_ADD(DATETIME '2008-12-25 15:30:00', INTERVAL 10 HOUR) AS r;
[{"r": "2008-12-26T01:30:00"}];

# title: datetime_add second
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/datetime_functions#datetime_add
SELECT DATETIME_ADD(DATETIME '2008-12-25 15:30:00', INTERVAL 30 SECOND) AS r;
[{"r": "2008-12-25T15:30:30"}];

# title: datetime_add millisecond
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/datetime_functions#datetime_add
SELECT DATETIME_ADD(DATETIME '2008-12-25 15:30:00', INTERVAL 5 MILLISECOND) AS r;
[{"r": "2008-12-25T15:30:00.005000"}];

# title: datetime_add microsecond
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/datetime_functions#datetime_add
SELECT DATETIME_ADD(DATETIME '2008-12-25 15:30:00', INTERVAL 5 MICROSECOND) AS r;
[{"r": "2008-12-25T15:30:00.000005"}];

# title: datetime_add day
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/datetime_functions#datetime_add
SELECT DATETIME_ADD(DATETIME '2008-12-25 15:30:00', INTERVAL 7 DAY) AS r;
[{"r": "2009-01-01T15:30:00"}];

# title: datetime_add week
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/datetime_functions#datetime_add
SELECT DATETIME_ADD(DATETIME '2008-12-25 15:30:00', INTERVAL 1 WEEK) AS r;
[{"r": "2009-01-01T15:30:00"}];

# title: datetime_add month clamps
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/datetime_functions#datetime_add
SELECT DATETIME_ADD(DATETIME '2008-01-31 15:30:00', INTERVAL 1 MONTH) AS r;
[{"r": "2008-02-29T15:30:00"}];

# title: datetime_add quarter
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/datetime_functions#datetime_add
SELECT DATETIME_ADD(DATETIME '2008-12-25 15:30:00', INTERVAL 1 QUARTER) AS r;
[{"r": "2009-03-25T15:30:00"}];

# title: datetime_add year
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/datetime_functions#datetime_add
SELECT DATETIME_ADD(DATETIME '2008-12-25 15:30:00', INTERVAL 1 YEAR) AS r;
[{"r": "2009-12-25T15:30:00"}];

# title: datetime_sub minute
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/datetime_functions#datetime_sub
SELECT DATETIME_SUB(DATETIME '2008-12-25 15:30:00', INTERVAL 10 MINUTE) AS r;
[{"r": "2008-12-25T15:20:00"}];

# title: datetime_sub day
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/datetime_functions#datetime_sub
SELECT DATETIME_SUB(DATETIME '2008-12-25 15:30:00', INTERVAL 25 DAY) AS r;
[{"r": "2008-11-30T15:30:00"}];

# title: datetime_sub month clamps
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/datetime_functions#datetime_sub
SELECT DATETIME_SUB(DATETIME '2008-03-31 00:00:00', INTERVAL 1 MONTH) AS r;
[{"r": "2008-02-29T00:00:00"}];

# title: datetime_sub microsecond
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/datetime_functions#datetime_sub
SELECT DATETIME_SUB(DATETIME '2008-12-25 00:00:00', INTERVAL 1 MICROSECOND) AS r;
[{"r": "2008-12-24T23:59:59.999999"}];

# title: datetime_diff day
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/datetime_functions#datetime_diff
SELECT DATETIME_DIFF(DATETIME '2010-07-07 10:20:00', DATETIME '2008-12-25 15:30:00', DAY) AS r;
[{"r": 559}];

# title: datetime_diff week and day
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/datetime_functions#datetime_diff
SELECT DATETIME_DIFF(DATETIME '2017-10-15 00:00:00', DATETIME '2017-10-14 00:00:00', DAY) AS days_diff, DATETIME_DIFF(DATETIME '2017-10-15 00:00:00', DATETIME '2017-10-14 00:00:00', WEEK) AS weeks_diff;
[{"days_diff": 1, "weeks_diff": 1}];

# title: datetime_diff year vs isoyear
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/datetime_functions#datetime_diff
SELECT DATETIME_DIFF('2017-12-30 00:00:00', '2014-12-30 00:00:00', YEAR) AS year_diff, DATETIME_DIFF('2017-12-30 00:00:00', '2014-12-30 00:00:00', ISOYEAR) AS isoyear_diff;
[{"year_diff": 3, "isoyear_diff": 2}];

# title: datetime_diff week monday and isoweek
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/datetime_functions#datetime_diff
SELECT DATETIME_DIFF('2017-12-18', '2017-12-17', WEEK) AS week_diff, DATETIME_DIFF('2017-12-18', '2017-12-17', WEEK(MONDAY)) AS week_weekday_diff, DATETIME_DIFF('2017-12-18', '2017-12-17', ISOWEEK) AS isoweek_diff;
[{"week_diff": 0, "week_weekday_diff": 1, "isoweek_diff": 1}];

# title: datetime_diff hour
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/datetime_functions#datetime_diff
SELECT DATETIME_DIFF(DATETIME '2008-12-25 16:10:00', DATETIME '2008-12-25 15:30:00', HOUR) AS r;
[{"r": 0}];

# title: datetime_diff minute
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/datetime_functions#datetime_diff
SELECT DATETIME_DIFF(DATETIME '2008-12-25 16:10:00', DATETIME '2008-12-25 15:30:00', MINUTE) AS r;
[{"r": 40}];

# title: datetime_diff second negative
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/datetime_functions#datetime_diff
SELECT DATETIME_DIFF(DATETIME '2008-12-25 15:30:00', DATETIME '2008-12-25 15:31:00', SECOND) AS r;
[{"r": -60}];

# title: datetime_diff month
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/datetime_functions#datetime_diff
SELECT DATETIME_DIFF(DATETIME '2009-01-01 00:00:00', DATETIME '2008-12-31 23:59:59', MONTH) AS r;
[{"r": 1}];

# title: datetime_diff day boundary
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/datetime_functions#datetime_diff
SELECT DATETIME_DIFF(DATETIME '2008-12-26 00:00:00', DATETIME '2008-12-25 23:59:59', DAY) AS r;
[{"r": 1}];

# title: datetime_trunc day
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/datetime_functions#datetime_trunc
SELECT DATETIME_TRUNC(DATETIME '2008-12-25 15:30:00', DAY) AS r;
[{"r": "2008-12-25T00:00:00"}];

# title: datetime_trunc hour
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/datetime_functions#datetime_trunc
SELECT DATETIME_TRUNC(DATETIME '2008-12-25 15:30:00', HOUR) AS r;
[{"r": "2008-12-25T15:00:00"}];

# title: datetime_trunc minute
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/datetime_functions#datetime_trunc
SELECT DATETIME_TRUNC(DATETIME '2008-12-25 15:30:45', MINUTE) AS r;
[{"r": "2008-12-25T15:30:00"}];

# title: datetime_trunc second
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/datetime_functions#datetime_trunc
SELECT DATETIME_TRUNC(DATETIME '2008-12-25 15:30:45.678', SECOND) AS r;
[{"r": "2008-12-25T15:30:45"}];

# title: datetime_trunc month
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/datetime_functions#datetime_trunc
SELECT DATETIME_TRUNC(DATETIME '2008-12-25 15:30:00', MONTH) AS r;
[{"r": "2008-12-01T00:00:00"}];

# title: datetime_trunc quarter
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/datetime_functions#datetime_trunc
SELECT DATETIME_TRUNC(DATETIME '2008-12-25 15:30:00', QUARTER) AS r;
[{"r": "2008-10-01T00:00:00"}];

# title: datetime_trunc year
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/datetime_functions#datetime_trunc
SELECT DATETIME_TRUNC(DATETIME '2008-12-25 15:30:00', YEAR) AS r;
[{"r": "2008-01-01T00:00:00"}];

# title: datetime_trunc week monday
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/datetime_functions#datetime_trunc
SELECT datetime AS original, DATETIME_TRUNC(datetime, WEEK(MONDAY)) AS truncated FROM (SELECT DATETIME(TIMESTAMP '2017-11-05 00:00:00+12', 'UTC') AS datetime);
[{"original": "2017-11-04T12:00:00", "truncated": "2017-10-30T00:00:00"}];

# title: datetime_trunc isoyear
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/datetime_functions#datetime_trunc
SELECT DATETIME_TRUNC('2015-06-15 00:00:00', ISOYEAR) AS isoyear_boundary, EXTRACT(ISOYEAR FROM DATETIME '2015-06-15 00:00:00') AS isoyear_number;
[{"isoyear_boundary": "2014-12-29T00:00:00", "isoyear_number": 2015}];

# title: datetime_trunc week sunday
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/datetime_functions#datetime_trunc
SELECT DATETIME_TRUNC(DATETIME '2008-12-25 15:30:00', WEEK) AS r;
[{"r": "2008-12-21T00:00:00"}];

# title: datetime_trunc isoweek
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/datetime_functions#datetime_trunc
SELECT DATETIME_TRUNC(DATETIME '2008-12-25 15:30:00', ISOWEEK) AS r;
[{"r": "2008-12-22T00:00:00"}];

# title: format_datetime c
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/datetime_functions#format_datetime
SELECT FORMAT_DATETIME('%c', DATETIME '2008-12-25 15:30:00') AS r;
[{"r": "Thu Dec 25 15:30:00 2008"}];

# title: format_datetime b-d-Y
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/datetime_functions#format_datetime
SELECT FORMAT_DATETIME('%b-%d-%Y', DATETIME '2008-12-25 15:30:00') AS r;
[{"r": "Dec-25-2008"}];

# title: format_datetime b Y
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/datetime_functions#format_datetime
SELECT FORMAT_DATETIME('%b %Y', DATETIME '2008-12-25 15:30:00') AS r;
[{"r": "Dec 2008"}];

# title: format_datetime T
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/format-elements#format_elements_date_time
SELECT FORMAT_DATETIME('%T', DATETIME '2008-12-25 05:03:04') AS r;
[{"r": "05:03:04"}];

# title: format_datetime R
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/format-elements#format_elements_date_time
SELECT FORMAT_DATETIME('%R', DATETIME '2008-12-25 05:03:04') AS r;
[{"r": "05:03"}];

# title: format_datetime I p
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/format-elements#format_elements_date_time
SELECT FORMAT_DATETIME('%I %p', DATETIME '2008-12-25 15:03:04') AS r;
[{"r": "03 PM"}];

# title: format_datetime P lowercase
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/format-elements#format_elements_date_time
SELECT FORMAT_DATETIME('%I%P', DATETIME '2008-12-25 15:03:04') AS r;
[{"r": "03pm"}];

# title: format_datetime k space padded hour
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/format-elements#format_elements_date_time
SELECT FORMAT_DATETIME('%k', DATETIME '2008-12-25 05:03:04') AS r;
[{"r": " 5"}];

# title: format_datetime l space padded 12 hour
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/format-elements#format_elements_date_time
SELECT FORMAT_DATETIME('%l', DATETIME '2008-12-25 15:03:04') AS r;
[{"r": " 3"}];

# title: format_datetime H M S
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/format-elements#format_elements_date_time
SELECT FORMAT_DATETIME('%H:%M:%S', DATETIME '2008-12-25 15:03:04') AS r;
[{"r": "15:03:04"}];

# title: format_datetime X
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/format-elements#format_elements_date_time
SELECT FORMAT_DATETIME('%X', DATETIME '2008-12-25 15:03:04') AS r;
[{"r": "15:03:04"}];

# title: format_datetime E3S
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/format-elements#format_elements_date_time
SELECT FORMAT_DATETIME('%E3S', DATETIME '2008-12-25 15:03:04.123456') AS r;
[{"r": "04.123"}];

# title: format_datetime E6S
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/format-elements#format_elements_date_time
SELECT FORMAT_DATETIME('%E6S', DATETIME '2008-12-25 15:03:04.123456') AS r;
[{"r": "04.123456"}];

# title: format_datetime E*S
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/format-elements#format_elements_date_time
SELECT FORMAT_DATETIME('%E*S', DATETIME '2008-12-25 15:03:04.123456') AS r;
[{"r": "04.123456"}];

# title: format_datetime s epoch seconds
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/format-elements#format_elements_date_time
SELECT FORMAT_DATETIME('%s', DATETIME '2008-12-25 15:30:00') AS r;
[{"r": "1230219000"}];

# title: format_datetime F T
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/format-elements#format_elements_date_time
SELECT FORMAT_DATETIME('%F %T', DATETIME '2008-12-25 15:30:00') AS r;
[{"r": "2008-12-25 15:30:00"}];

# title: format_datetime j
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/format-elements#format_elements_date_time
SELECT FORMAT_DATETIME('%j', DATETIME '2008-12-25 15:30:00') AS r;
[{"r": "360"}];

# title: parse_datetime c
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/datetime_functions#parse_datetime
SELECT PARSE_DATETIME('%c', 'Thu Dec 25 07:30:00 2008') AS r;
[{"r": "2008-12-25T07:30:00"}];

# title: parse_datetime Y-m-d H:M:S
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/datetime_functions#parse_datetime
SELECT PARSE_DATETIME('%Y-%m-%d %H:%M:%S', '1998-10-18 13:45:55') AS r;
[{"r": "1998-10-18T13:45:55"}];

# title: parse_datetime m/d/Y I:M:S p
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/datetime_functions#parse_datetime
SELECT PARSE_DATETIME('%m/%d/%Y %I:%M:%S %p', '8/30/2018 2:23:38 pm') AS r;
[{"r": "2018-08-30T14:23:38"}];

# title: parse_datetime A B d Y
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/datetime_functions#parse_datetime
SELECT PARSE_DATETIME('%A, %B %e, %Y','Wednesday, December 19, 2018') AS r;
[{"r": "2018-12-19T00:00:00"}];

# title: parse_datetime a b e I:M:S Y
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/datetime_functions#parse_datetime
SELECT PARSE_DATETIME('%a %b %e %I:%M:%S %Y', 'Thu Dec 25 07:30:00 2008') AS r;
[{"r": "2008-12-25T07:30:00"}];

# title: parse_datetime F T
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/datetime_functions#parse_datetime
SELECT PARSE_DATETIME('%F %T', '2008-12-25 07:30:00') AS r;
[{"r": "2008-12-25T07:30:00"}];

# title: parse_datetime only time defaults date
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/datetime_functions#parse_datetime
SELECT PARSE_DATETIME('%H:%M', '07:30') AS r;
[{"r": "1970-01-01T07:30:00"}];

# title: parse_datetime null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/datetime_functions#parse_datetime
SELECT PARSE_DATETIME('%F', NULL) AS r;
[{"r": null}];

# title: datetime ordering
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#datetime_type
SELECT DATETIME '2008-12-25 15:30:00' < DATETIME '2008-12-25 15:30:01' AS r;
[{"r": true}];

# title: datetime range maximum
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#datetime_type
SELECT DATETIME '9999-12-31 23:59:59.999999' AS r;
[{"r": "9999-12-31T23:59:59.999999"}];

# title: datetime plus interval operator
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#date_arithmetics_operators
SELECT DATETIME '2008-12-25 15:30:00' + INTERVAL 1 HOUR AS r;
[{"r": "2008-12-25T16:30:00"}];

# title: datetime minus datetime is an interval
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#datetime_subtraction
SELECT EXTRACT(HOUR FROM DATETIME '2008-12-25 15:30:00' - DATETIME '2008-12-25 10:30:00') AS r;
[{"r": 5}];
