package dev.cilia.flows;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.exc.UnexpectedEndOfInputException;
import tools.jackson.core.json.JsonFactory;

/**
 * Streams Hubble records out of one input: JSON lines (envelopes, bare flows, mixed), a JSON array,
 * pretty-printed or concatenated objects, gzip or plain. A line prefix before the first {@code {}
 * (grep's {@code file:}, {@code kubectl logs}' {@code … stdout F }) is skipped. Memory stays
 * bounded: one line (at most {@link #MAX_RECORD_BYTES}) or one array element at a time.
 */
final class FlowReader {
  /** A record longer than this is junk (and its bytes are skipped, not kept). */
  static final int MAX_RECORD_BYTES = 4 << 20;

  /** One parser per line: a thread-local buffer pool keeps that cheap (no shared deque). */
  private static final JsonFactory JSON =
      JsonFactory.builder()
          .recyclerPool(tools.jackson.core.util.JsonRecyclerPools.threadLocalPool())
          .build();

  /** What the reader hands out. */
  interface Sink {
    /** One record read; {@code r} is reused after the call returns. */
    void record(HubbleRecord r, long line);

    /** A line (or the rest of the input, for arrays) that is not a Hubble record. */
    void junk(long line, String why);

    /** An envelope recognised as a reply ({@code true}) or another packet, without parsing. */
    void skipped(boolean reply);
  }

  private final RecordParser parser = new RecordParser();
  private final HubbleRecord record = new HubbleRecord();
  private final Sink sink;

  FlowReader(Sink sink) {
    this.sink = sink;
  }

  /** Reads everything; gzip is recognised by its magic bytes. */
  void read(InputStream raw) throws IOException {
    BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
    in.mark(2);
    int b0 = in.read();
    int b1 = in.read();
    in.reset();
    InputStream body = in;
    if (b0 == 0x1f && b1 == 0x8b) {
      body = new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
    }
    BufferedInputStream data =
        body instanceof BufferedInputStream b ? b : new BufferedInputStream(body, 1 << 16);
    data.mark(MAX_RECORD_BYTES);
    int first = firstNonBlank(data);
    data.reset();
    if (first == '[') {
      array(data);
    } else {
      lines(data);
    }
  }

  private static int firstNonBlank(InputStream in) throws IOException {
    int seen = 0;
    int c;
    while ((c = in.read()) >= 0 && seen++ < MAX_RECORD_BYTES - 1) {
      if (c == 0xEF || c == 0xBB || c == 0xBF) {
        continue; // a UTF-8 byte order mark
      }
      if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
        return c;
      }
    }
    return -1;
  }

  /** A JSON array (or several) of records, parsed as one stream; an error ends the input. */
  private void array(InputStream in) {
    try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), in)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        if (t == JsonToken.START_ARRAY) {
          while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
            element(p, t);
          }
        } else {
          element(p, t);
        }
      }
    } catch (JacksonException e) {
      sink.junk(
          e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
          "invalid JSON, the rest of the input is skipped: " + reason(e));
    }
  }

  private void element(JsonParser p, JsonToken t) {
    long line = p.currentTokenLocation().getLineNr();
    if (t == JsonToken.START_OBJECT) {
      parser.top(p, record);
      deliver(line);
    } else {
      p.skipChildren();
      sink.junk(line, "expected a JSON object, found " + describe(t));
    }
  }

  /** JSON lines; a line that ends inside an object continues on the next lines. */
  private void lines(InputStream in) throws IOException {
    byte[] chunk = new byte[1 << 16];
    int chunkLength = 0;
    int position = 0;
    byte[] buf = new byte[1 << 12];
    byte[] pending = null;
    int pendingLength = 0;
    long pendingLine = 0;
    long number = 0;
    boolean eof = false;
    while (true) {
      int length = 0;
      boolean tooLong = false;
      boolean newline = false;
      while (!newline) {
        if (position == chunkLength) {
          chunkLength = eof ? -1 : in.read(chunk);
          position = 0;
          if (chunkLength <= 0) {
            if (chunkLength < 0) {
              eof = true;
              chunkLength = 0;
              break;
            }
            continue;
          }
        }
        int end = position;
        while (end < chunkLength && chunk[end] != '\n') {
          end++;
        }
        int n = end - position;
        if (!tooLong) {
          if (length + n > MAX_RECORD_BYTES) {
            tooLong = true;
          } else {
            if (length + n > buf.length) {
              buf = Arrays.copyOf(buf, Math.max(buf.length * 2, length + n));
            }
            System.arraycopy(chunk, position, buf, length, n);
            length += n;
          }
        }
        position = end;
        if (end < chunkLength) {
          position++;
          newline = true;
        }
      }
      if (!newline && length == 0 && !tooLong) {
        break;
      }
      number++;
      if (length > 0 && buf[length - 1] == '\r') {
        length--;
      }
      if (tooLong) {
        sink.junk(number, "line longer than " + (MAX_RECORD_BYTES >> 20) + " MiB");
        pending = null;
        continue;
      }
      if (pending != null) {
        if (pendingLength + length + 1 > MAX_RECORD_BYTES) {
          sink.junk(pendingLine, "record longer than " + (MAX_RECORD_BYTES >> 20) + " MiB");
          pending = null;
          continue;
        }
        if (pendingLength + length + 1 > pending.length) {
          pending =
              Arrays.copyOf(pending, Math.max(pending.length * 2, pendingLength + length + 1));
        }
        pending[pendingLength++] = '\n';
        System.arraycopy(buf, 0, pending, pendingLength, length);
        pendingLength += length;
        // Pretty-printed records close at the start of a line.
        if (length > 0 && buf[0] == '}') {
          if (parse(pending, 0, pendingLength, pendingLine, true)) {
            pending = null;
          }
        }
        continue;
      }
      int start = 0;
      while (start < length && buf[start] != '{') {
        start++;
      }
      if (start == length) {
        if (!blank(buf, length)) {
          sink.junk(number, "not a JSON object");
        }
        continue;
      }
      int skip = quickSkip(buf, start, length);
      if (skip != 0) {
        sink.skipped(skip > 0);
        continue;
      }
      if (!parse(buf, start, length - start, number, true)) {
        pending = Arrays.copyOfRange(buf, start, Math.max(length, start + 64));
        pendingLength = length - start;
        pendingLine = number;
      }
    }
    if (pending != null) {
      sink.junk(pendingLine, "record not closed before the end of the input");
    }
  }

  /**
   * Parses the objects in {@code bytes}; false when the input ends inside the first object and
   * {@code mayContinue} (then the caller appends the next line).
   */
  private boolean parse(byte[] bytes, int offset, int length, long line, boolean mayContinue) {
    int objects = 0;
    try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), bytes, offset, length)) {
      JsonToken t = p.nextToken();
      while (t != null) {
        if (t != JsonToken.START_OBJECT) {
          sink.junk(
              line,
              objects == 0
                  ? "expected a JSON object, found " + describe(t)
                  : "text after the record");
          return true;
        }
        parser.top(p, record);
        objects++;
        deliver(line);
        t = p.nextToken();
      }
      return true;
    } catch (JacksonException e) {
      if (mayContinue && objects == 0 && endOfInput(e)) {
        return false;
      }
      sink.junk(line, "invalid JSON: " + reason(e));
      return true;
    }
  }

  private static final byte[] ENVELOPE = bytes("{\"flow\":{");

  private static byte[] bytes(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /**
   * Most records of a capture are replies and packets inside a connection; a compact envelope
   * line ({@code {"flow":{…}}} as {@code hubble observe -o json} writes it) that says so in plain
   * bytes is counted without parsing: 1 for a reply ({@code "is_reply":true}), -1 for another TCP
   * packet ({@code "flags":{…}} without {@code "SYN":true}, or with {@code "ACK":true}), 0 to
   * parse it. Replies that carry DNS answers ({@code "ips":[…]}) are parsed, for the names they
   * teach. One pass over the bytes, looking only at {@code ":"} followed by {@code t}, {@code {}
   * or {@code [}.
   */
  static int quickSkip(byte[] b, int start, int end) {
    if (end - start < 32 || !startsWith(b, start, ENVELOPE) || b[end - 1] != '}') {
      return 0;
    }
    boolean reply = false;
    boolean legacyReply = false;
    boolean notReply = false;
    boolean flags = false;
    boolean syn = false;
    boolean ack = false;
    for (int i = start + 2; i < end - 1; i++) {
      if (b[i] != ':' || b[i - 1] != '"') {
        continue;
      }
      byte next = b[i + 1];
      if (next == 't') {
        if (keyBefore(b, i, "is_reply", start)) {
          reply = true;
        } else if (keyBefore(b, i, "reply", start)) {
          legacyReply = true;
        } else if (keyBefore(b, i, "SYN", start)) {
          syn = true;
        } else if (keyBefore(b, i, "ACK", start)) {
          ack = true;
        }
      } else if (next == 'f') {
        notReply |= keyBefore(b, i, "is_reply", start);
      } else if (next == '{') {
        flags |= keyBefore(b, i, "flags", start);
      } else if (next == '[' && keyBefore(b, i, "ips", start)) {
        return 0;
      }
    }
    if (reply || (legacyReply && !notReply)) {
      return 1;
    }
    return flags && (!syn || ack) ? -1 : 0;
  }

  /** Whether {@code "key"} ends just before {@code b[colon]}. */
  private static boolean keyBefore(byte[] b, int colon, String key, int start) {
    int from = colon - 1 - key.length();
    if (from - 1 < start || b[from - 1] != '"') {
      return false;
    }
    for (int k = 0; k < key.length(); k++) {
      if (b[from + k] != key.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  private static boolean startsWith(byte[] b, int at, byte[] prefix) {
    if (at + prefix.length > b.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (b[at + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /** Jackson reports the end of the input inside an object with two exception types. */
  private static boolean endOfInput(JacksonException e) {
    String m = e.getOriginalMessage();
    return e instanceof UnexpectedEndOfInputException
        || (m != null && m.startsWith("Unexpected end-of-input"));
  }

  private void deliver(long line) {
    sink.record(record, line);
  }

  private static boolean blank(byte[] buf, int length) {
    for (int i = 0; i < length; i++) {
      byte b = buf[i];
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }

  private static String describe(JsonToken t) {
    return switch (t) {
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> "`" + t.asString() + "`";
    };
  }

  /** Jackson's message without its location and source excerpt. */
  private static String reason(JacksonException e) {
    String m = e.getOriginalMessage();
    if (m == null) {
      return "unreadable";
    }
    int nl = m.indexOf('\n');
    m = nl >= 0 ? m.substring(0, nl) : m;
    return m.length() > 120 ? m.substring(0, 120) + "…" : m;
  }
}
