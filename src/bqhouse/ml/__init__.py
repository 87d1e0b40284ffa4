"""BigQuery ML: CREATE MODEL, DROP MODEL, EXPORT MODEL and the ML.* table functions.

Statements are recognised on the token stream (``bqhouse.ml.statements``), models are trained with
scikit-learn (``bqhouse.ml.estimators``) after BigQuery's automatic preprocessing
(``bqhouse.ml.preprocess``) and an optional TRANSFORM clause (``bqhouse.ml.transform``, with the
preprocessing functions in ``bqhouse.ml.manual``); ARIMA_PLUS (``bqhouse.ml.arima``,
``bqhouse.ml.forecasting``) and MATRIX_FACTORIZATION (``bqhouse.ml.matrix_factorization``) have
their own trainers. Models are stored as JSON + ``.npz`` arrays (``bqhouse.ml.store``); never as
pickles. See docs/ml.md.
"""
