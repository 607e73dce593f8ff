package org.labelloop.core.io;

import java.io.IOException;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/** The JDK's XML parser set up for files from users: no DOCTYPE (so no entities and no XXE), no XInclude. */
public final class SafeXml {
  private SafeXml() {}

  /** The document's root element; a file that is not well-formed XML, or has a DOCTYPE, throws. */
  public static Element parse(InputSource in) throws SAXException, IOException {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setXIncludeAware(false);
      f.setExpandEntityReferences(false);
      DocumentBuilder builder = f.newDocumentBuilder();
      builder.setErrorHandler(new DefaultHandler()); // throws on fatal errors instead of printing them to stderr
      return builder.parse(in).getDocumentElement();
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK's XML parser takes these features", e);
    }
  }
}
