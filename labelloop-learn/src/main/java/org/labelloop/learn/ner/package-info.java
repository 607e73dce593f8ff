/**
 * Named-entity recognition: tokenization with exact UTF-16 offsets ({@link org.labelloop.learn.ner.Tokenizer}),
 * span/tag conversion ({@link org.labelloop.learn.ner.TagScheme}), a linear-chain CRF tagger
 * ({@link org.labelloop.learn.ner.NerTrainer}, {@link org.labelloop.learn.ner.NerModel}) with token and span marginals
 * and sentence uncertainty, optional MiniLM word-cluster features ({@link org.labelloop.learn.ner.WordClusters}), dictionary
 * prelabeling, AutoML-lite, conlleval-style scoring and the offline simulator.
 *
 * <p>Design: spans are the source of truth (character offsets, as stored by the labeling UI and Kili's
 * {@code beginOffset}); tags exist only inside the tagger and in column file formats. A span that cannot become tags
 * (not on token boundaries, or overlapping) is reported as a {@link org.labelloop.learn.ner.SpanIssue}, never
 * silently moved. Active learning ranks sentences with the shared strategy registry
 * ({@link org.labelloop.learn.strategy.Strategies}); a sentence's outputs reduce to one score per measure in
 * {@link org.labelloop.learn.strategy.SequenceUncertainty}.
 */
package org.labelloop.learn.ner;
