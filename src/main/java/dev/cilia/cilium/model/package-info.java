/**
 * The CNP/CCNP object model as Cilium's CRDs define it, for writing and for reading back. The only
 * types Jackson sees, besides fabric8's {@code ObjectMeta} and {@code LabelSelector}.
 */
package dev.cilia.cilium.model;
