"""BigQuery ML: CREATE MODEL, DROP MODEL, EXPORT MODEL and the ML.* table functions.

Statements are recognised on the token stream (``bqhouse.ml.statements``), models are trained with
scikit-learn (``bqhouse.ml.estimators``) after BigQuery's automatic preprocessing
(``bqhouse.ml.preprocess``) and stored as JSON + ``.npz`` arrays (``bqhouse.ml.store``); never as
pickles. See docs/ml.md.
"""
