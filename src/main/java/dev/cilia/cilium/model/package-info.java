/**
 * The CNP/CCNP object model as Cilium's CRDs define it, for writing and for reading back. The only
 * types Jackson sees, besides fabric8's {@code ObjectMeta} and {@code LabelSelector}. {@link
 * dev.cilia.cilium.model.RuleView} walks an object's rules and their items, egress and ingress
 * alike, for every stage that reads policies.
 */
package dev.cilia.cilium.model;
