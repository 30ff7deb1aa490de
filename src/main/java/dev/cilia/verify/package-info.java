/**
 * The proof and the tests: reads the IR and asks the evaluator ({@code eval}) about the emitted
 * YAML. {@code Prover} checks every compile (docs/proof.md), {@code TestRunner} runs {@code test}
 * blocks, {@code Explainer} answers {@code ciliac explain}; {@code Representatives} picks the
 * endpoints and ports they probe. Imports {@code cilium}, {@code diag}, {@code eval}, {@code ir}
 * and {@code source}.
 */
package dev.cilia.verify;
