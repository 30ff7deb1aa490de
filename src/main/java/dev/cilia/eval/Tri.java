package dev.cilia.eval;

/** A match that may be undecidable from the documents alone. */
enum Tri {
  NO,
  YES,
  MAYBE
}
