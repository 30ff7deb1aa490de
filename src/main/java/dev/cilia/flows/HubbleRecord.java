package dev.cilia.flows;

import java.util.ArrayList;
import java.util.List;

/** The fields of one Hubble record that replay needs; reused from record to record. */
final class HubbleRecord {
  /**
   * {@code lost_events}, {@code node_status}, {@code agent_event}, {@code debug_event}, or null.
   */
  String nonFlow;

  boolean flowFields;
  String verdict;
  String dropReason;
  String type;
  String sourceIp;
  String destinationIp;
  String protocol;
  int sourcePort;
  int destinationPort;
  boolean flags;
  boolean syn;
  boolean ack;
  int icmpType = -1;
  final End source = new End();
  final End destination = new End();
  final List<String> sourceNames = new ArrayList<>();
  final List<String> destinationNames = new ArrayList<>();
  Boolean isReply;
  boolean reply;
  String direction;
  String l7Type;
  String l7Kind;
  String dnsQuery;
  final List<String> dnsIps = new ArrayList<>();
  final List<String> deniedBy = new ArrayList<>();

  /** One endpoint: {@code source} or {@code destination}. */
  static final class End {
    boolean present;
    String namespace;
    String podName;
    final List<String> labels = new ArrayList<>();

    void clear() {
      present = false;
      namespace = null;
      podName = null;
      labels.clear();
    }
  }

  void clear() {
    nonFlow = null;
    flowFields = false;
    verdict = null;
    dropReason = null;
    type = null;
    sourceIp = null;
    destinationIp = null;
    protocol = null;
    sourcePort = 0;
    destinationPort = 0;
    flags = false;
    syn = false;
    ack = false;
    icmpType = -1;
    source.clear();
    destination.clear();
    sourceNames.clear();
    destinationNames.clear();
    isReply = null;
    reply = false;
    direction = null;
    l7Type = null;
    l7Kind = null;
    dnsQuery = null;
    dnsIps.clear();
    deniedBy.clear();
  }
}
