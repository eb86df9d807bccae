package dev.lakebase.testkit.internal;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** PostgreSQL frontend/backend protocol (v3) encoding: just the messages the proxy reads or writes. */
final class PgMessages {

  static final int SSL_REQUEST = 80877103;
  static final int GSSENC_REQUEST = 80877104;
  static final int CANCEL_REQUEST = 80877102;
  static final int PROTOCOL_3_MAJOR = 3;
  private static final int MAX_STARTUP_LENGTH = 10_000;
  private static final int MAX_MESSAGE_LENGTH = 1 << 20;

  /**
   * A startup-phase packet (no type byte): SSLRequest, GSSENCRequest, CancelRequest or StartupMessage.
   *
   * @param code the request code or protocol version
   * @param payload everything after the code
   */
  record StartupPacket(int code, byte[] payload) {

    /** @return the whole packet as sent on the wire */
    byte[] encode() {
      return ByteBuffer.allocate(8 + payload.length).putInt(8 + payload.length).putInt(code).put(payload).array();
    }

    /** @return the startup parameters of a StartupMessage, in order */
    Map<String, String> parameters() {
      Map<String, String> params = new LinkedHashMap<>();
      int pos = 0;
      while (pos < payload.length && payload[pos] != 0) {
        int keyEnd = indexOfZero(payload, pos);
        int valueEnd = indexOfZero(payload, keyEnd + 1);
        params.put(utf8(payload, pos, keyEnd), utf8(payload, keyEnd + 1, valueEnd));
        pos = valueEnd + 1;
      }
      return params;
    }
  }

  /**
   * A typed message.
   *
   * @param type the type byte
   * @param body the body after the length
   */
  record Message(char type, byte[] body) {

    byte[] encode() {
      return ByteBuffer.allocate(5 + body.length).put((byte) type).putInt(4 + body.length).put(body).array();
    }

    /** @return the first int of the body (the request code of an 'R' message) */
    int firstInt() {
      return body.length >= 4 ? ByteBuffer.wrap(body).getInt() : -1;
    }

    /** @return the fields of an ErrorResponse/NoticeResponse, keyed by field type */
    Map<Character, String> fields() {
      Map<Character, String> fields = new HashMap<>();
      int pos = 0;
      while (pos < body.length && body[pos] != 0) {
        int end = indexOfZero(body, pos + 1);
        fields.put((char) body[pos], utf8(body, pos + 1, end));
        pos = end + 1;
      }
      return fields;
    }

    /** @return the C-string body of a PasswordMessage */
    String cString() {
      return utf8(body, 0, indexOfZero(body, 0));
    }
  }

  private PgMessages() {
  }

  /**
   * Reads the rest of a startup packet whose first 4 bytes (the length) are known.
   *
   * @param in the client stream
   * @param length the declared length
   * @return the packet
   * @throws IOException on EOF or an implausible length
   */
  static StartupPacket readStartupPacket(DataInputStream in, int length) throws IOException {
    if (length < 8 || length > MAX_STARTUP_LENGTH) {
      throw new IOException("invalid startup packet length " + length);
    }
    int code = in.readInt();
    byte[] payload = new byte[length - 8];
    in.readFully(payload);
    return new StartupPacket(code, payload);
  }

  static StartupPacket readStartupPacket(DataInputStream in) throws IOException {
    return readStartupPacket(in, in.readInt());
  }

  static Message readMessage(DataInputStream in) throws IOException {
    int type = in.read();
    if (type < 0) {
      throw new EOFException("connection closed");
    }
    int length = in.readInt();
    if (length < 4 || length > MAX_MESSAGE_LENGTH) {
      throw new IOException("invalid message length " + length);
    }
    byte[] body = new byte[length - 4];
    in.readFully(body);
    return new Message((char) type, body);
  }

  /**
   * @param protocol the protocol version the client asked for
   * @param params startup parameters
   * @return a StartupMessage
   */
  static StartupPacket startupMessage(int protocol, Map<String, String> params) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    params.forEach((k, v) -> {
      writeCString(body, k);
      writeCString(body, v);
    });
    body.write(0);
    return new StartupPacket(protocol, body.toByteArray());
  }

  /** @return AuthenticationCleartextPassword */
  static byte[] cleartextPasswordRequest() {
    return new Message('R', ByteBuffer.allocate(4).putInt(3).array()).encode();
  }

  /**
   * @param sqlState five-character SQLSTATE
   * @param text the primary message
   * @return a FATAL ErrorResponse
   */
  static byte[] fatal(String sqlState, String text) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    field(body, 'S', "FATAL");
    field(body, 'V', "FATAL");
    field(body, 'C', sqlState);
    field(body, 'M', text);
    body.write(0);
    return new Message('E', body.toByteArray()).encode();
  }

  private static void field(ByteArrayOutputStream out, char type, String value) {
    out.write(type);
    writeCString(out, value);
  }

  private static void writeCString(ByteArrayOutputStream out, String s) {
    out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    out.write(0);
  }

  private static int indexOfZero(byte[] b, int from) {
    for (int i = from; i < b.length; i++) {
      if (b[i] == 0) {
        return i;
      }
    }
    return b.length;
  }

  private static String utf8(byte[] b, int from, int to) {
    return new String(b, from, Math.max(0, to - from), StandardCharsets.UTF_8);
  }

  /** Reads exactly one byte or fails on EOF. */
  static int readByte(InputStream in) throws IOException {
    int b = in.read();
    if (b < 0) {
      throw new EOFException("connection closed");
    }
    return b;
  }
}
