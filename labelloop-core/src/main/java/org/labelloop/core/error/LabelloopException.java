package org.labelloop.core.error;

import java.util.List;

/** An error the caller caused and can fix: it carries a clear message and, where useful, one detail per problem. */
public final class LabelloopException extends RuntimeException {
  private final ErrorCode code;
  private final List<String> details;

  public LabelloopException(ErrorCode code, String message, List<String> details) {
    super(message);
    this.code = code;
    this.details = List.copyOf(details);
  }

  public LabelloopException(ErrorCode code, String message) {
    this(code, message, List.of());
  }

  public static LabelloopException invalid(String message, List<String> details) {
    return new LabelloopException(ErrorCode.INVALID_INPUT, message, details);
  }

  public static LabelloopException invalid(String message) {
    return new LabelloopException(ErrorCode.INVALID_INPUT, message);
  }

  public static LabelloopException notFound(String what) {
    return new LabelloopException(ErrorCode.NOT_FOUND, what + " not found");
  }

  public static LabelloopException forbidden(String message) {
    return new LabelloopException(ErrorCode.FORBIDDEN, message);
  }

  public static LabelloopException conflict(String message) {
    return new LabelloopException(ErrorCode.CONFLICT, message);
  }

  public ErrorCode code() {
    return code;
  }

  public List<String> details() {
    return details;
  }
}
