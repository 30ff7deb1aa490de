/**
 * Build-time code, not in the jar: Cilia's own strict JSON Schemas for CNP/CCNP per target. {@link
 * dev.cilia.cilium.schema.SchemaGenerator} writes the files under {@code schemas/} (checked and
 * rewritten by {@code SchemaFilesTest}), which {@code cilium.admission.SchemaValidator} loads from
 * the classpath. Takes {@link dev.cilia.cilium.Target}.
 */
package dev.cilia.cilium.schema;
