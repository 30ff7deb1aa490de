/**
 * Cilia's own strict JSON Schemas for CNP/CCNP per target: {@link
 * dev.cilia.cilium.schema.SchemaGenerator} writes the files under {@code schemas/}, which {@link
 * dev.cilia.cilium.admission.SchemaValidator} loads from the classpath. Takes {@link
 * dev.cilia.cilium.Target}.
 */
package dev.cilia.cilium.schema;
