/**
 * Hubble flows as observed traffic: {@link dev.cilia.flows.FlowReader} streams {@code hubble
 * observe -o json} output, bare flows, exporter files and JSON arrays (gzip or plain), and {@link
 * dev.cilia.flows.FlowSet} normalises each record into a distinct {@link
 * dev.cilia.flows.ObservedFlow} (source workload, destination, protocol, port) with counts, the
 * observed verdicts and the DNS names Hubble knew. Imports only {@code source} and {@code diag}.
 */
package dev.cilia.flows;
