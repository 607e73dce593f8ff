-- The model version that was current when a dataset version was taken (null before the first model).
ALTER TABLE dataset_versions ADD COLUMN model_version TEXT;
