-- DATE functions

# title: date from parts and datetime and timestamp
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#date
SELECT DATE(2016, 12, 25) AS date_ymd, DATE(DATETIME '2016-12-25 23:59:59') AS date_dt, DATE(TIMESTAMP '2016-12-25 05:30:00+07', 'America/Los_Angeles') AS date_tstz;
[{"date_ymd": "2016-12-25", "date_dt": "2016-12-25", "date_tstz": "2016-12-24"}];

# title: date from string
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#date
SELECT DATE('2016-12-25') AS r;
[{"r": "2016-12-25"}];

# title: date from timestamp defaults to utc
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#date
SELECT DATE(TIMESTAMP '2016-12-25 23:30:00+00') AS r;
[{"r": "2016-12-25"}];

# title: date from timestamp with offset zone
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#date
SELECT DATE(TIMESTAMP '2016-12-25 23:30:00+00', '+02') AS r;
[{"r": "2016-12-26"}];

# title: date from timestamp with negative offset zone
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#date
SELECT DATE(TIMESTAMP '2016-12-25 01:30:00+00', '-05:00') AS r;
[{"r": "2016-12-24"}];

# title: date from timestamp in asia tokyo
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#date
SELECT DATE(TIMESTAMP '2016-12-25 20:00:00+00', 'Asia/Tokyo') AS r;
[{"r": "2016-12-26"}];

# title: date literal
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/lexical#date_literals
SELECT DATE '2014-09-27' AS r;
[{"r": "2014-09-27"}];

# title: date from parts null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#date
SELECT DATE(2016, NULL, 25) AS r;
[{"r": null}];

# title: current_date is a date
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#current_date
SELECT DATE_DIFF(CURRENT_DATE(), DATE '2020-01-01', DAY) > 0 AS r;
[{"r": true}];

# title: current_date without parentheses
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#current_date
SELECT CURRENT_DATE >= DATE '2020-01-01' AS r;
[{"r": true}];

# title: current_date with time zone
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#current_date
SELECT ABS(DATE_DIFF(CURRENT_DATE('America/Los_Angeles'), CURRENT_DATE(), DAY)) <= 1 AS r;
[{"r": true}];

# title: extract day
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#extract
SELECT EXTRACT(DAY FROM DATE '2013-12-25') AS r;
[{"r": 25}];

# title: extract month
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#extract
SELECT EXTRACT(MONTH FROM DATE '2013-12-25') AS r;
[{"r": 12}];

# title: extract year
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#extract
SELECT EXTRACT(YEAR FROM DATE '2013-12-25') AS r;
[{"r": 2013}];

# title: extract dayofweek sunday is 1
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#extract
SELECT EXTRACT(DAYOFWEEK FROM DATE '2013-12-29') AS r;
[{"r": 1}];

# title: extract dayofweek saturday is 7
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#extract
SELECT EXTRACT(DAYOFWEEK FROM DATE '2013-12-28') AS r;
[{"r": 7}];

# title: extract dayofyear
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#extract
SELECT EXTRACT(DAYOFYEAR FROM DATE '2013-12-29') AS r;
[{"r": 363}];

# title: extract quarter
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#extract
SELECT EXTRACT(QUARTER FROM DATE '2013-12-29') AS r;
[{"r": 4}];

# title: extract isoyear
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#extract
SELECT EXTRACT(ISOYEAR FROM DATE '2015-12-31') AS r;
[{"r": 2015}];

# title: extract isoyear and isoweek across year end
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#extract
SELECT EXTRACT(ISOYEAR FROM d) AS isoyear, EXTRACT(ISOWEEK FROM d) AS isoweek, EXTRACT(YEAR FROM d) AS year, EXTRACT(WEEK FROM d) AS week FROM UNNEST([DATE '2015-12-23', DATE '2015-12-31', DATE '2016-01-01', DATE '2016-01-04']) AS d ORDER BY d;
[{"isoyear": 2015, "isoweek": 52, "year": 2015, "week": 51}, {"isoyear": 2015, "isoweek": 53, "year": 2015, "week": 52}, {"isoyear": 2015, "isoweek": 53, "year": 2016, "week": 0}, {"isoyear": 2016, "isoweek": 1, "year": 2016, "week": 1}];

# title: extract week is sunday based
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#extract
SELECT EXTRACT(WEEK FROM DATE '2013-12-29') AS r;
[{"r": 52}];

# title: extract week before first sunday is 0
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#extract
SELECT EXTRACT(WEEK FROM DATE '2017-01-01') AS r;
[{"r": 1}];

# title: extract isoweek
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#extract
SELECT EXTRACT(ISOWEEK FROM DATE '2013-12-29') AS r;
[{"r": 52}];

# title: extract week with weekday
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#extract
SELECT EXTRACT(WEEK(SUNDAY) FROM d) AS week_sunday, EXTRACT(WEEK(MONDAY) FROM d) AS week_monday FROM UNNEST([DATE '2017-11-05']) AS d;
[{"week_sunday": 45, "week_monday": 44}];

# title: extract week monday for a monday
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#extract
SELECT EXTRACT(WEEK(MONDAY) FROM DATE '2017-11-06') AS r;
[{"r": 45}];

# title: extract from null date
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#extract
SELECT EXTRACT(YEAR FROM CAST(NULL AS DATE)) AS r;
[{"r": null}];

# title: date_add day
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#date_add
SELECT DATE_ADD(DATE '2008-12-25', INTERVAL 5 DAY) AS r;
[{"r": "2008-12-30"}];

# title: date_add week
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#date_add
SELECT DATE_ADD(DATE '2008-12-25', INTERVAL 1 WEEK) AS r;
[{"r": "2009-01-01"}];

# title: date_add month
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#date_add
SELECT DATE_ADD(DATE '2008-12-25', INTERVAL 1 MONTH) AS r;
[{"r": "2009-01-25"}];

# title: date_add quarter
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#date_add
SELECT DATE_ADD(DATE '2008-12-25', INTERVAL 1 QUARTER) AS r;
[{"r": "2009-03-25"}];

# title: date_add year
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#date_add
SELECT DATE_ADD(DATE '2008-12-25', INTERVAL 2 YEAR) AS r;
[{"r": "2010-12-25"}];

# title: date_add month clamps to last day
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#date_add
SELECT DATE_ADD(DATE '2008-01-31', INTERVAL 1 MONTH) AS r;
[{"r": "2008-02-29"}];

# title: date_add month clamps in non leap year
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#date_add
SELECT DATE_ADD(DATE '2009-01-31', INTERVAL 1 MONTH) AS r;
[{"r": "2009-02-28"}];

# title: date_add year from leap day clamps
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#date_add
SELECT DATE_ADD(DATE '2016-02-29', INTERVAL 1 YEAR) AS r;
[{"r": "2017-02-28"}];

# title: date_add negative days
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#date_add
SELECT DATE_ADD(DATE '2008-12-25', INTERVAL -5 DAY) AS r;
[{"r": "2008-12-20"}];

# title: date_add null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#date_add
SELECT DATE_ADD(CAST(NULL AS DATE), INTERVAL 1 DAY) AS r;
[{"r": null}];

# title: date_sub day
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#date_sub
SELECT DATE_SUB(DATE '2008-12-25', INTERVAL 5 DAY) AS r;
[{"r": "2008-12-20"}];

# title: date_sub month clamps
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#date_sub
SELECT DATE_SUB(DATE '2008-03-31', INTERVAL 1 MONTH) AS r;
[{"r": "2008-02-29"}];

# title: date_sub week
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#date_sub
SELECT DATE_SUB(DATE '2008-12-25', INTERVAL 2 WEEK) AS r;
[{"r": "2008-12-11"}];

# title: date_sub quarter
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#date_sub
SELECT DATE_SUB(DATE '2008-12-25', INTERVAL 1 QUARTER) AS r;
[{"r": "2008-09-25"}];

# title: date_sub year
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#date_sub
SELECT DATE_SUB(DATE '2008-12-25', INTERVAL 1 YEAR) AS r;
[{"r": "2007-12-25"}];

# title: date plus interval operator
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#date_arithmetics_operators
SELECT DATE '2008-12-25' + INTERVAL 5 DAY AS r;
[{"r": "2008-12-30T00:00:00"}];

# title: date_diff days
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#date_diff
SELECT DATE_DIFF(DATE '2010-07-07', DATE '2008-12-25', DAY) AS r;
[{"r": 559}];

# title: date_diff negative
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#date_diff
SELECT DATE_DIFF(DATE '2008-12-25', DATE '2010-07-07', DAY) AS r;
[{"r": -559}];

# title: date_diff week boundaries
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#date_diff
SELECT DATE_DIFF(DATE '2017-10-15', DATE '2017-10-14', DAY) AS days_diff, DATE_DIFF(DATE '2017-10-15', DATE '2017-10-14', WEEK) AS weeks_diff;
[{"days_diff": 1, "weeks_diff": 1}];

# title: date_diff year vs isoyear
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#date_diff
SELECT DATE_DIFF('2017-12-30', '2014-12-30', YEAR) AS year_diff, DATE_DIFF('2017-12-30', '2014-12-30', ISOYEAR) AS isoyear_diff;
[{"year_diff": 3, "isoyear_diff": 2}];

# title: date_diff week vs week monday vs isoweek
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#date_diff
SELECT DATE_DIFF('2017-12-18', '2017-12-17', WEEK) AS week_diff, DATE_DIFF('2017-12-18', '2017-12-17', WEEK(MONDAY)) AS week_weekday_diff, DATE_DIFF('2017-12-18', '2017-12-17', ISOWEEK) AS isoweek_diff;
[{"week_diff": 0, "week_weekday_diff": 1, "isoweek_diff": 1}];

# title: date_diff month counts boundaries
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#date_diff
SELECT DATE_DIFF(DATE '2018-02-01', DATE '2018-01-31', MONTH) AS r;
[{"r": 1}];

# title: date_diff month same month
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#date_diff
SELECT DATE_DIFF(DATE '2018-01-31', DATE '2018-01-01', MONTH) AS r;
[{"r": 0}];

# title: date_diff quarter
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#date_diff
SELECT DATE_DIFF(DATE '2018-04-01', DATE '2018-03-31', QUARTER) AS r;
[{"r": 1}];

# title: date_diff year boundary
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#date_diff
SELECT DATE_DIFF(DATE '2018-01-01', DATE '2017-12-31', YEAR) AS r;
[{"r": 1}];

# title: date_diff week across many weeks
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#date_diff
SELECT DATE_DIFF(DATE '2024-01-28', DATE '2024-01-01', WEEK) AS r;
[{"r": 4}];

# title: date_diff null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#date_diff
SELECT DATE_DIFF(DATE '2024-01-28', NULL, DAY) AS r;
[{"r": null}];

# title: date_trunc month
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#date_trunc
SELECT DATE_TRUNC(DATE '2008-12-25', MONTH) AS r;
[{"r": "2008-12-01"}];

# title: date_trunc year
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#date_trunc
SELECT DATE_TRUNC(DATE '2008-12-25', YEAR) AS r;
[{"r": "2008-01-01"}];

# title: date_trunc quarter
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#date_trunc
SELECT DATE_TRUNC(DATE '2008-12-25', QUARTER) AS r;
[{"r": "2008-10-01"}];

# title: date_trunc day
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#date_trunc
SELECT DATE_TRUNC(DATE '2008-12-25', DAY) AS r;
[{"r": "2008-12-25"}];

# title: date_trunc week starts sunday
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#date_trunc
SELECT DATE_TRUNC(DATE '2008-12-25', WEEK) AS r;
[{"r": "2008-12-21"}];

# title: date_trunc week monday
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#date_trunc
SELECT date AS original, DATE_TRUNC(date, WEEK(MONDAY)) AS truncated FROM (SELECT DATE('2017-11-05') AS date);
[{"original": "2017-11-05", "truncated": "2017-10-30"}];

# title: date_trunc isoweek
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#date_trunc
SELECT DATE_TRUNC(DATE '2017-11-05', ISOWEEK) AS r;
[{"r": "2017-10-30"}];

# title: date_trunc isoyear
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#date_trunc
SELECT DATE_TRUNC('2015-06-15', ISOYEAR) AS isoyear_boundary, EXTRACT(ISOYEAR FROM DATE '2015-06-15') AS isoyear_number;
[{"isoyear_boundary": "2014-12-29", "isoyear_number": 2015}];

# title: date_trunc week saturday
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#date_trunc
SELECT DATE_TRUNC(DATE '2017-11-05', WEEK(SATURDAY)) AS r;
[{"r": "2017-11-04"}];

# title: date_trunc null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#date_trunc
SELECT DATE_TRUNC(CAST(NULL AS DATE), MONTH) AS r;
[{"r": null}];

# title: last_day month
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#last_day
SELECT LAST_DAY(DATE '2008-11-25', MONTH) AS r;
[{"r": "2008-11-30"}];

# title: last_day default month
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#last_day
SELECT LAST_DAY(DATE '2008-11-25') AS r;
[{"r": "2008-11-30"}];

# title: last_day february leap year
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#last_day
SELECT LAST_DAY(DATE '2008-02-10') AS r;
[{"r": "2008-02-29"}];

# title: last_day year
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#last_day
SELECT LAST_DAY(DATE '2008-11-25', YEAR) AS r;
[{"r": "2008-12-31"}];

# title: last_day quarter
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#last_day
SELECT LAST_DAY(DATE '2008-11-25', QUARTER) AS r;
[{"r": "2008-12-31"}];

# title: last_day week ends saturday
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#last_day
SELECT LAST_DAY(DATE '2008-11-10', WEEK) AS r;
[{"r": "2008-11-15"}];

# title: last_day week monday ends sunday
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#last_day
SELECT LAST_DAY(DATE '2008-11-10', WEEK(MONDAY)) AS r;
[{"r": "2008-11-16"}];

# title: last_day isoweek
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#last_day
SELECT LAST_DAY(DATE '2008-11-10', ISOWEEK) AS r;
[{"r": "2008-11-16"}];

# title: last_day isoyear
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#last_day
SELECT LAST_DAY(DATE '2008-11-10', ISOYEAR) AS r;
[{"r": "2008-12-28"}];

# title: date_from_unix_date
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#date_from_unix_date
SELECT DATE_FROM_UNIX_DATE(14238) AS r;
[{"r": "2008-12-25"}];

# title: date_from_unix_date zero
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#date_from_unix_date
SELECT DATE_FROM_UNIX_DATE(0) AS r;
[{"r": "1970-01-01"}];

# title: date_from_unix_date negative
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#date_from_unix_date
SELECT DATE_FROM_UNIX_DATE(-1) AS r;
[{"r": "1969-12-31"}];

# title: unix_date
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#unix_date
SELECT UNIX_DATE(DATE '2008-12-25') AS r;
[{"r": 14238}];

# title: unix_date before epoch
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#unix_date
SELECT UNIX_DATE(DATE '1969-12-31') AS r;
[{"r": -1}];

# title: format_date x
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#format_date
SELECT FORMAT_DATE('%x', DATE '2008-12-25') AS r;
[{"r": "12/25/08"}];

# title: format_date b-d-Y
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#format_date
SELECT FORMAT_DATE('%b-%d-%Y', DATE '2008-12-25') AS r;
[{"r": "Dec-25-2008"}];

# title: format_date b Y
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#format_date
SELECT FORMAT_DATE('%b %Y', DATE '2008-12-25') AS r;
[{"r": "Dec 2008"}];

# title: format_date A full weekday
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/format-elements#format_elements_date_time
SELECT FORMAT_DATE('%A', DATE '2008-12-25') AS r;
[{"r": "Thursday"}];

# title: format_date a abbreviated weekday
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/format-elements#format_elements_date_time
SELECT FORMAT_DATE('%a', DATE '2008-12-25') AS r;
[{"r": "Thu"}];

# title: format_date B full month
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/format-elements#format_elements_date_time
SELECT FORMAT_DATE('%B', DATE '2008-12-25') AS r;
[{"r": "December"}];

# title: format_date C century
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/format-elements#format_elements_date_time
SELECT FORMAT_DATE('%C', DATE '2008-12-25') AS r;
[{"r": "20"}];

# title: format_date D
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/format-elements#format_elements_date_time
SELECT FORMAT_DATE('%D', DATE '2008-12-25') AS r;
[{"r": "12/25/08"}];

# title: format_date e space padded day
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/format-elements#format_elements_date_time
SELECT FORMAT_DATE('%e', DATE '2008-12-05') AS r;
[{"r": " 5"}];

# title: format_date F
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/format-elements#format_elements_date_time
SELECT FORMAT_DATE('%F', DATE '2008-12-05') AS r;
[{"r": "2008-12-05"}];

# title: format_date G iso year
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/format-elements#format_elements_date_time
SELECT FORMAT_DATE('%G', DATE '2016-01-01') AS r;
[{"r": "2015"}];

# title: format_date g iso year two digits
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/format-elements#format_elements_date_time
SELECT FORMAT_DATE('%g', DATE '2016-01-01') AS r;
[{"r": "15"}];

# title: format_date j day of year
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/format-elements#format_elements_date_time
SELECT FORMAT_DATE('%j', DATE '2008-02-05') AS r;
[{"r": "036"}];

# title: format_date m month
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/format-elements#format_elements_date_time
SELECT FORMAT_DATE('%m', DATE '2008-02-05') AS r;
[{"r": "02"}];

# title: format_date Q quarter
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/format-elements#format_elements_date_time
SELECT FORMAT_DATE('%Q', DATE '2008-12-25') AS r;
[{"r": "4"}];

# title: format_date U week sunday
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/format-elements#format_elements_date_time
SELECT FORMAT_DATE('%U', DATE '2008-12-25') AS r;
[{"r": "51"}];

# title: format_date u iso weekday
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/format-elements#format_elements_date_time
SELECT FORMAT_DATE('%u', DATE '2008-12-28') AS r;
[{"r": "7"}];

# title: format_date V iso week
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/format-elements#format_elements_date_time
SELECT FORMAT_DATE('%V', DATE '2016-01-01') AS r;
[{"r": "53"}];

# title: format_date W week monday
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/format-elements#format_elements_date_time
SELECT FORMAT_DATE('%W', DATE '2008-12-25') AS r;
[{"r": "51"}];

# title: format_date w weekday
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/format-elements#format_elements_date_time
SELECT FORMAT_DATE('%w', DATE '2008-12-28') AS r;
[{"r": "0"}];

# title: format_date y
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/format-elements#format_elements_date_time
SELECT FORMAT_DATE('%y', DATE '2008-12-25') AS r;
[{"r": "08"}];

# title: format_date E4Y
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/format-elements#format_elements_date_time
SELECT FORMAT_DATE('%E4Y', DATE '0008-12-25') AS r;
[{"r": "0008"}];

# title: format_date percent literal
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/format-elements#format_elements_date_time
SELECT FORMAT_DATE('%Y%%', DATE '2008-12-25') AS r;
[{"r": "2008%"}];

# title: format_date tab and newline
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/format-elements#format_elements_date_time
SELECT FORMAT_DATE('%d%t%m%n', DATE '2008-12-25') AS r;
[{"r": "25\t12\n"}];

# title: format_date literal text
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#format_date
SELECT FORMAT_DATE('Year %Y', DATE '2008-12-25') AS r;
[{"r": "Year 2008"}];

# title: format_date null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#format_date
SELECT FORMAT_DATE('%Y', CAST(NULL AS DATE)) AS r;
[{"r": null}];

# title: parse_date x
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#parse_date
SELECT PARSE_DATE('%x', '12/25/08') AS r;
[{"r": "2008-12-25"}];

# title: parse_date Y-m-d
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#parse_date
SELECT PARSE_DATE('%Y-%m-%d', '2008-12-25') AS r;
[{"r": "2008-12-25"}];

# title: parse_date Ymd
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#parse_date
SELECT PARSE_DATE('%Y%m%d', '20081225') AS r;
[{"r": "2008-12-25"}];

# title: parse_date full weekday and month
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#parse_date
SELECT PARSE_DATE('%A %b %e %Y', 'Thursday Dec 25 2008') AS r;
[{"r": "2008-12-25"}];

# title: parse_date F
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#parse_date
SELECT PARSE_DATE('%F', '2000-12-30') AS r;
[{"r": "2000-12-30"}];

# title: parse_date b Y defaults day to 1
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#parse_date
SELECT PARSE_DATE('%b %Y', 'Dec 2008') AS r;
[{"r": "2008-12-01"}];

# title: parse_date Y defaults month and day
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#parse_date
SELECT PARSE_DATE('%Y', '2008') AS r;
[{"r": "2008-01-01"}];

# title: parse_date B full month name
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#parse_date
SELECT PARSE_DATE('%B %d, %Y', 'December 25, 2008') AS r;
[{"r": "2008-12-25"}];

# title: parse_date D
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#parse_date
SELECT PARSE_DATE('%D', '12/25/08') AS r;
[{"r": "2008-12-25"}];

# title: parse_date null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#parse_date
SELECT PARSE_DATE('%Y', NULL) AS r;
[{"r": null}];

# title: parse_date mismatch is an error
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#parse_date
# error: invalidQuery
SELECT PARSE_DATE('%Y-%m-%d', 'not a date') AS r;
not a date;

# title: generate_date_array default step
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/array_functions#generate_date_array
SELECT GENERATE_DATE_ARRAY('2016-10-05', '2016-10-08') AS r;
[{"r": ["2016-10-05", "2016-10-06", "2016-10-07", "2016-10-08"]}];

# title: generate_date_array step two days
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/array_functions#generate_date_array
SELECT GENERATE_DATE_ARRAY('2016-10-05', '2016-10-09', INTERVAL 2 DAY) AS r;
[{"r": ["2016-10-05", "2016-10-07", "2016-10-09"]}];

# title: generate_date_array negative step
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/array_functions#generate_date_array
SELECT GENERATE_DATE_ARRAY('2016-10-05', '2016-10-01', INTERVAL -3 DAY) AS r;
[{"r": ["2016-10-05", "2016-10-02"]}];

# title: generate_date_array empty when start after end
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/array_functions#generate_date_array
SELECT GENERATE_DATE_ARRAY('2016-10-05', '2016-10-01', INTERVAL 1 DAY) AS r;
[{"r": []}];

# title: generate_date_array single
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/array_functions#generate_date_array
SELECT GENERATE_DATE_ARRAY('2016-10-05', '2016-10-05', INTERVAL 8 DAY) AS r;
[{"r": ["2016-10-05"]}];

# title: generate_date_array month step
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/array_functions#generate_date_array
SELECT GENERATE_DATE_ARRAY('2016-01-01', '2016-12-31', INTERVAL 2 MONTH) AS r;
[{"r": ["2016-01-01", "2016-03-01", "2016-05-01", "2016-07-01", "2016-09-01", "2016-11-01"]}];

# title: generate_date_array week step
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/array_functions#generate_date_array
SELECT GENERATE_DATE_ARRAY('2016-10-05', '2016-10-20', INTERVAL 1 WEEK) AS r;
[{"r": ["2016-10-05", "2016-10-12", "2016-10-19"]}];

# title: generate_date_array null
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/array_functions#generate_date_array
SELECT GENERATE_DATE_ARRAY('2016-10-05', NULL) AS r;
[{"r": []}];

# title: date comparison and ordering
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#date_type
SELECT d FROM UNNEST([DATE '2016-10-05', DATE '2001-01-01', DATE '2020-02-29']) AS d ORDER BY d;
[{"d": "2001-01-01"}, {"d": "2016-10-05"}, {"d": "2020-02-29"}];

# title: date range minimum
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#date_type
SELECT DATE '0001-01-01' AS r;
[{"r": "0001-01-01"}];

# title: date range maximum
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#date_type
SELECT DATE '9999-12-31' AS r;
[{"r": "9999-12-31"}];
