/**
 * Admission: whether a cluster running a target's Cilium takes a CNP/CCNP object. {@link
 * dev.cilia.cilium.admission.Admission} is the facade: the API server's schema check ({@code
 * SchemaValidator}, Cilia's schemas in {@code schemas/}; {@code SchemaCheck} decides validity in
 * plain code and the schema library words the violations), the agent's import checks ({@code
 * AgentChecks}, with the Kubernetes label checks of {@code K8sValidation} and the Go parsers it
 * needs), each answered as typed {@link dev.cilia.cilium.admission.Violation}s. Used by the compile
 * pipeline on every emitted document and by {@code lint}.
 */
package dev.cilia.cilium.admission;
