package org.labelloop.learn.tabular;

/** What a column is for: an input of the model, the label to predict, shown only, or the row's identifier. */
public enum ColumnRole { FEATURE, LABEL, IGNORE, ID }
