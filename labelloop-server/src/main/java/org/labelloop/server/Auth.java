package org.labelloop.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HandlerType;
import io.javalin.http.SameSite;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.labelloop.core.Labelloop;
import org.labelloop.core.error.ErrorCode;
import org.labelloop.core.error.LabelloopException;
import org.labelloop.core.port.LoginFailureRepository;
import org.labelloop.core.port.SessionRepository;
import org.labelloop.core.port.SessionRepository.Session;
import org.labelloop.core.port.UserRepository;
import org.labelloop.core.user.Caller;
import org.labelloop.core.user.Secrets;
import org.labelloop.core.user.User;

/**
 * Authenticates every API request: {@code Authorization: Bearer <api key>} or the browser session cookie. Cookie
 * sessions are stored as the SHA-256 of their token; state-changing requests that rely on the cookie must echo the
 * session's CSRF token in {@code X-CSRF-Token} (double submit bound to the session, plus SameSite=Strict).
 */
final class Auth {
  static final String COOKIE = "labelloop_session";
  static final String CSRF_HEADER = "X-CSRF-Token";
  private static final String CALLER = "labelloop.caller";
  private static final Duration SESSION_TTL = Duration.ofHours(12);

  private final Labelloop app;
  private final SessionRepository sessions;
  private final UserRepository users;
  private final Clock clock;
  private final LoginThrottle throttle;
  private final boolean trustProxy;

  Auth(Labelloop app, SessionRepository sessions, UserRepository users, LoginFailureRepository loginFailures, Clock clock,
      boolean trustProxy) {
    this.trustProxy = trustProxy;
    this.app = app;
    this.sessions = sessions;
    this.users = users;
    this.clock = clock;
    this.throttle = new LoginThrottle(loginFailures, clock);
  }

  static Caller caller(Context ctx) {
    Caller c = ctx.attribute(CALLER);
    if (c == null) {
      throw new LabelloopException(ErrorCode.UNAUTHENTICATED, "authentication required");
    }
    return c;
  }

  /** Before-handler for /api/v1/*: sets the caller or fails with 401/403. */
  void authenticate(Context ctx) {
    if (ctx.method() == HandlerType.OPTIONS || isPublic(ctx.path())) {
      return;
    }
    String header = ctx.header("Authorization");
    if (header != null) {
      String key = apiKey(header);
      User user = app.users().authenticateApiKey(key)
          .orElseThrow(() -> unauthenticated("invalid or revoked API key"));
      ctx.attribute(CALLER, new Caller(active(user)));
      return;
    }
    Session session = currentSession(ctx).orElseThrow(() -> unauthenticated("authentication required: send 'Authorization: Bearer <api key>' or log in"));
    if (changesState(ctx) && !constantTimeEquals(session.csrfToken(), ctx.header(CSRF_HEADER))) {
      throw LabelloopException.forbidden("missing or wrong " + CSRF_HEADER + " header");
    }
    User user = users.find(session.userId()).orElseThrow(() -> unauthenticated("session user no longer exists"));
    ctx.attribute(CALLER, new Caller(active(user)));
  }

  private static User active(User user) {
    if (!user.active()) {
      throw unauthenticated("the account " + user.email() + " is deactivated; an administrator can reactivate it");
    }
    return user;
  }

  /**
   * The API key of an Authorization header: {@code Bearer <key>}, or {@code Basic} with the key as password (any user
   * name), which is how tools such as Label Studio authenticate to a model server.
   */
  private static String apiKey(String header) {
    if (header.regionMatches(true, 0, "Bearer ", 0, 7) && header.length() > 7) {
      return header.substring(7).trim();
    }
    if (header.regionMatches(true, 0, "Basic ", 0, 6)) {
      try {
        String pair = new String(java.util.Base64.getDecoder().decode(header.substring(6).trim()), java.nio.charset.StandardCharsets.UTF_8);
        int colon = pair.indexOf(':');
        if (colon >= 0 && colon < pair.length() - 1) return pair.substring(colon + 1);
      } catch (IllegalArgumentException notBase64) {
        // falls through to the error below
      }
    }
    throw unauthenticated("Authorization header must be 'Bearer <api key>' (or Basic with the API key as password)");
  }

  void login(Context ctx) {
    JsonNode body = Body.object(ctx);
    String email = Body.requiredText(body, "email").trim();
    String password = Body.requiredText(body, "password");
    String ip = ctx.ip();
    long wait = throttle.waitSeconds(email, ip);
    if (wait > 0) {
      ctx.header("Retry-After", Long.toString(wait));
      throw new LabelloopException(ErrorCode.TOO_MANY_REQUESTS, "too many failed logins; try again in " + wait + " s");
    }
    Optional<User> user = app.users().login(email, password);
    if (user.isEmpty()) {
      throttle.failed(email, ip);
      throw unauthenticated("wrong email or password");
    }
    throttle.succeeded(email, ip);
    active(user.get());
    String token = Secrets.newToken("");
    String csrf = Secrets.newToken("");
    sessions.deleteExpired(clock.instant());
    sessions.create(new Session(Secrets.sha256Hex(token), user.get().id(), csrf, clock.instant().plus(SESSION_TTL)));
    Cookie cookie = new Cookie(COOKIE, token, "/", (int) SESSION_TTL.toSeconds(), LabelloopServer.https(ctx, trustProxy), 0, true, null, null, SameSite.STRICT);
    ctx.cookie(cookie);
    ctx.json(me(user.get(), csrf));
  }

  void changePassword(Context ctx) {
    JsonNode body = Body.object(ctx);
    app.users().changePassword(caller(ctx), Body.requiredText(body, "currentPassword"), Body.requiredText(body, "newPassword"));
    ctx.status(204);
  }

  void logout(Context ctx) {
    String token = ctx.cookie(COOKIE);
    if (token != null) {
      sessions.delete(Secrets.sha256Hex(token));
    }
    ctx.removeCookie(COOKIE, "/");
    ctx.status(204);
  }

  /**
   * Whether the browser's session cookie is logged in, answered 200 either way: the UI asks on every page, and a 401
   * there would log a failed request in the browser console of every logged-out visitor.
   */
  void session(Context ctx) {
    Optional<Session> session = currentSession(ctx);
    Optional<User> user = session.flatMap(s -> users.find(s.userId())).filter(User::active);
    ctx.json(user.isEmpty() ? Json.object().put("authenticated", false)
        : me(user.get(), session.get().csrfToken()).put("authenticated", true));
  }

  void me(Context ctx) {
    Caller caller = caller(ctx);
    String csrf = ctx.header("Authorization") == null ? currentSession(ctx).map(Session::csrfToken).orElse(null) : null;
    ctx.json(me(caller.user(), csrf));
  }

  /** The user, with whether they may create projects (the UI offers "New project" then), and the session's CSRF token. */
  private ObjectNode me(User user, String csrf) {
    ObjectNode o = Json.object();
    o.set("user", Json.user(user).put("mayCreateProjects", app.projects().mayCreate(user)));
    o.put("csrfToken", csrf);
    return o;
  }

  private Optional<Session> currentSession(Context ctx) {
    String token = ctx.cookie(COOKIE);
    if (token == null || token.isBlank()) {
      return Optional.empty();
    }
    return sessions.find(Secrets.sha256Hex(token)).filter(s -> s.expiresAt().isAfter(clock.instant()));
  }

  private static boolean isPublic(String path) {
    return path.equals("/api/v1/health") || path.equals("/api/v1/auth/login") || path.equals("/api/v1/auth/session");
  }

  private static boolean changesState(Context ctx) {
    HandlerType m = ctx.method();
    return m != HandlerType.GET && m != HandlerType.HEAD && m != HandlerType.OPTIONS;
  }

  private static LabelloopException unauthenticated(String message) {
    return new LabelloopException(ErrorCode.UNAUTHENTICATED, message);
  }

  private static boolean constantTimeEquals(String expected, String given) {
    if (expected == null || given == null) {
      return false;
    }
    return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
  }
}
