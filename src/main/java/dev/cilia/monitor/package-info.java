/**
 * Monitoring: for a {@code monitoring} block, the Cilium Helm values for Hubble and agent metrics,
 * the agent metrics Service and ServiceMonitor, and a PrometheusRule whose alerts are derived from
 * the policies (docs/monitoring.md). Takes {@code ir}, {@code cilium}, {@code diag} and {@code
 * source}; the driver runs it after validation.
 */
package dev.cilia.monitor;
