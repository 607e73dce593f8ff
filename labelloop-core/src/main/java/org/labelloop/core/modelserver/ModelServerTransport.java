package org.labelloop.core.modelserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;

/** JSON over HTTP to a model server, with connect and answer timeouts; a non-2xx answer is an IOException. */
public interface ModelServerTransport {
  /** For use-case wiring without a network (CLI commands, tests of other features): every call fails. */
  ModelServerTransport UNAVAILABLE = new ModelServerTransport() {
    @Override
    public JsonNode get(URI url) throws IOException {
      throw new IOException("this process does not call model servers");
    }

    @Override
    public JsonNode post(URI url, JsonNode body) throws IOException {
      throw new IOException("this process does not call model servers");
    }
  };

  JsonNode get(URI url) throws IOException;

  JsonNode post(URI url, JsonNode body) throws IOException;
}
