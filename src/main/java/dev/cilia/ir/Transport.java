package dev.cilia.ir;

/** A transport protocol of a service; {@code ANY} is TCP, UDP and SCTP. */
public enum Transport {
  TCP,
  UDP,
  SCTP,
  ANY
}
