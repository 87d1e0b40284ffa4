-- INTERVAL functions and arithmetic

# title: interval literal day extract
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#interval_type
SELECT EXTRACT(DAY FROM INTERVAL 5 DAY) AS r;
[{"r": 5}];

# title: interval year to second parts
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#interval_type
SELECT EXTRACT(YEAR FROM i) AS y, EXTRACT(MONTH FROM i) AS m, EXTRACT(DAY FROM i) AS d, EXTRACT(HOUR FROM i) AS h, EXTRACT(MINUTE FROM i) AS mi, EXTRACT(SECOND FROM i) AS s FROM (SELECT INTERVAL '1-2 3 4:5:6' YEAR TO SECOND AS i);
[{"y": 1, "m": 2, "d": 3, "h": 4, "mi": 5, "s": 6}];

# title: interval hour to second parts
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/interval_functions#extract
SELECT EXTRACT(HOUR FROM i) AS h, EXTRACT(MINUTE FROM i) AS m, EXTRACT(SECOND FROM i) AS s FROM (SELECT INTERVAL '10:20:30' HOUR TO SECOND AS i);
[{"h": 10, "m": 20, "s": 30}];

# title: interval year to month parts
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#interval_type
SELECT EXTRACT(YEAR FROM i) AS y, EXTRACT(MONTH FROM i) AS m FROM (SELECT INTERVAL '10-6' YEAR TO MONTH AS i);
[{"y": 10, "m": 6}];

# title: interval negative year to month
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#interval_type
SELECT EXTRACT(YEAR FROM i) AS y, EXTRACT(MONTH FROM i) AS m FROM (SELECT INTERVAL '-1-2' YEAR TO MONTH AS i);
[{"y": -1, "m": -2}];

# title: interval day to hour
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#interval_type
SELECT EXTRACT(DAY FROM i) AS d, EXTRACT(HOUR FROM i) AS h FROM (SELECT INTERVAL '3 4' DAY TO HOUR AS i);
[{"d": 3, "h": 4}];

# title: interval day to minute
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#interval_type
SELECT EXTRACT(DAY FROM i) AS d, EXTRACT(HOUR FROM i) AS h, EXTRACT(MINUTE FROM i) AS m FROM (SELECT INTERVAL '3 4:5' DAY TO MINUTE AS i);
[{"d": 3, "h": 4, "m": 5}];

# title: interval minute to second
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#interval_type
SELECT EXTRACT(MINUTE FROM i) AS m, EXTRACT(SECOND FROM i) AS s FROM (SELECT INTERVAL '5:6' MINUTE TO SECOND AS i);
[{"m": 5, "s": 6}];

# title: make_interval positional
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/interval_functions#make_interval
SELECT EXTRACT(YEAR FROM i) AS y, EXTRACT(MONTH FROM i) AS m, EXTRACT(DAY FROM i) AS d FROM (SELECT MAKE_INTERVAL(1, 6, 15) AS i);
[{"y": 1, "m": 6, "d": 15}];

# title: make_interval named
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/interval_functions#make_interval
SELECT EXTRACT(HOUR FROM i) AS h, EXTRACT(MINUTE FROM i) AS m, EXTRACT(SECOND FROM i) AS s FROM (SELECT MAKE_INTERVAL(hour => 10, second => 20) AS i);
[{"h": 10, "m": 0, "s": 20}];

# title: make_interval day
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/interval_functions#make_interval
SELECT EXTRACT(DAY FROM MAKE_INTERVAL(day => -50)) AS d;
[{"d": -50}];

# title: justify_days 29
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/interval_functions#justify_days
SELECT EXTRACT(MONTH FROM JUSTIFY_DAYS(INTERVAL 29 DAY)) AS m, EXTRACT(DAY FROM JUSTIFY_DAYS(INTERVAL 29 DAY)) AS d;
[{"m": 0, "d": 29}];

# title: justify_days 30
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/interval_functions#justify_days
SELECT EXTRACT(MONTH FROM JUSTIFY_DAYS(INTERVAL 30 DAY)) AS m, EXTRACT(DAY FROM JUSTIFY_DAYS(INTERVAL 30 DAY)) AS d;
[{"m": 1, "d": 0}];

# title: justify_days 31
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/interval_functions#justify_days
SELECT EXTRACT(MONTH FROM JUSTIFY_DAYS(INTERVAL 31 DAY)) AS m, EXTRACT(DAY FROM JUSTIFY_DAYS(INTERVAL 31 DAY)) AS d;
[{"m": 1, "d": 1}];

# title: justify_days 540
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/interval_functions#justify_days
SELECT EXTRACT(YEAR FROM JUSTIFY_DAYS(INTERVAL 540 DAY)) AS y, EXTRACT(MONTH FROM JUSTIFY_DAYS(INTERVAL 540 DAY)) AS m;
[{"y": 1, "m": 6}];

# title: justify_days negative 31
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/interval_functions#justify_days
SELECT EXTRACT(MONTH FROM JUSTIFY_DAYS(INTERVAL -31 DAY)) AS m, EXTRACT(DAY FROM JUSTIFY_DAYS(INTERVAL -31 DAY)) AS d;
[{"m": -1, "d": -1}];

# title: justify_hours 23
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/interval_functions#justify_hours
SELECT EXTRACT(DAY FROM JUSTIFY_HOURS(INTERVAL 23 HOUR)) AS d, EXTRACT(HOUR FROM JUSTIFY_HOURS(INTERVAL 23 HOUR)) AS h;
[{"d": 0, "h": 23}];

# title: justify_hours 24
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/interval_functions#justify_hours
SELECT EXTRACT(DAY FROM JUSTIFY_HOURS(INTERVAL 24 HOUR)) AS d, EXTRACT(HOUR FROM JUSTIFY_HOURS(INTERVAL 24 HOUR)) AS h;
[{"d": 1, "h": 0}];

# title: justify_hours 25
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/interval_functions#justify_hours
SELECT EXTRACT(DAY FROM JUSTIFY_HOURS(INTERVAL 25 HOUR)) AS d, EXTRACT(HOUR FROM JUSTIFY_HOURS(INTERVAL 25 HOUR)) AS h;
[{"d": 1, "h": 1}];

# title: justify_interval
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/interval_functions#justify_interval
SELECT EXTRACT(MONTH FROM i) AS m, EXTRACT(DAY FROM i) AS d, EXTRACT(HOUR FROM i) AS h FROM (SELECT JUSTIFY_INTERVAL(INTERVAL '29 49:00:00' DAY TO SECOND) AS i);
[{"m": 1, "d": 1, "h": 1}];

# title: date plus interval day
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#interval_arithmetics_operators
SELECT DATE '2021-04-20' + INTERVAL 25 HOUR AS r;
[{"r": "2021-04-21T01:00:00"}];

# title: timestamp minus interval
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#interval_arithmetics_operators
SELECT TIMESTAMP '2021-05-02 00:01:02.345+00' - INTERVAL 10 SECOND AS r;
[{"r": "2021-05-02T00:00:52.345000+00:00"}];

# title: datetime plus year to month interval
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#interval_arithmetics_operators
SELECT DATETIME '2021-01-31 00:00:00' + INTERVAL '0-1' YEAR TO MONTH AS r;
[{"r": "2021-02-28T00:00:00"}];

# title: date_add with interval of hour to second
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#interval_arithmetics_operators
SELECT TIMESTAMP '2021-01-01 00:00:00+00' + INTERVAL '1:30:00' HOUR TO SECOND AS r;
[{"r": "2021-01-01T01:30:00+00:00"}];

# title: date minus date interval days
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#datetime_subtraction
SELECT DATE_DIFF(DATE '2021-05-20', DATE '2020-04-19', DAY) AS d;
[{"d": 396}];

# title: interval multiplication
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#interval_arithmetics_operators
SELECT EXTRACT(HOUR FROM INTERVAL 4 HOUR * 3) AS r;
[{"r": 12}];

# title: interval negation
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#interval_arithmetics_operators
SELECT EXTRACT(DAY FROM -INTERVAL 4 DAY) AS r;
[{"r": -4}];

# title: interval comparison
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#interval_type
SELECT INTERVAL 1 HOUR < INTERVAL 2 HOUR AS r;
[{"r": true}];

# title: interval week literal
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#interval_type
SELECT EXTRACT(DAY FROM INTERVAL 2 WEEK) AS r;
[{"r": 14}];

# title: interval quarter literal
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#interval_type
SELECT EXTRACT(MONTH FROM INTERVAL 1 QUARTER) AS r;
[{"r": 3}];

# title: interval millisecond literal
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/interval_functions#extract
SELECT EXTRACT(MILLISECOND FROM INTERVAL '0:0:1.5' HOUR TO SECOND) AS r;
[{"r": 500}];

# title: justify_hours negative 25
# doc: https://cloud.google.com/bigquery/docs/reference/standard-sql/interval_functions#justify_hours
SELECT EXTRACT(DAY FROM JUSTIFY_HOURS(INTERVAL -25 HOUR)) AS d, EXTRACT(HOUR FROM JUSTIFY_HOURS(INTERVAL -25 HOUR)) AS h;
[{"d": -1, "h": -1}];
