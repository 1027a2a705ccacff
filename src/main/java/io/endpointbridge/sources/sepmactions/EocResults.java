package io.endpointbridge.sources.sepmactions;

import java.io.StringReader;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * EOC scan results, which SEPM returns as XML inside the JSON status ({@code resultInXML}): each {@code <File>} with its
 * {@code <Matched result=".." hashType=".." hashValue=".." value=".."/>} becomes {@code {result, hashType, hashValue,
 * path}}. The XML is read with DTDs and external entities off (it comes from an endpoint).
 */
final class EocResults {

    private EocResults() {
    }

    static ArrayNode matches(String xml) {
        ArrayNode matches = JsonNodeFactory.instance.arrayNode();
        if (xml == null || xml.isBlank()) {
            return matches;
        }
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            Document document = builder.parse(new InputSource(new StringReader(xml)));
            NodeList files = document.getElementsByTagName("File");
            for (int i = 0; i < files.getLength(); i++) {
                Element file = (Element) files.item(i);
                NodeList matched = file.getElementsByTagName("Matched");
                if (matched.getLength() == 0) {
                    continue;
                }
                Element match = (Element) matched.item(0);
                ObjectNode entry = matches.addObject();
                entry.put("result", match.getAttribute("result"));
                Element hash = (Element) (file.getElementsByTagName("Hash").getLength() > 0
                        ? file.getElementsByTagName("Hash").item(0) : null);
                String hashType = !match.getAttribute("hashType").isEmpty() ? match.getAttribute("hashType")
                        : hash != null ? hash.getAttribute("name") : "";
                String hashValue = !match.getAttribute("hashValue").isEmpty() ? match.getAttribute("hashValue")
                        : hash != null ? hash.getAttribute("value") : "";
                if (!hashType.isEmpty()) {
                    entry.put("hashType", hashType);
                }
                if (!hashValue.isEmpty()) {
                    entry.put("hashValue", hashValue);
                }
                String path = !match.getAttribute("value").isEmpty() ? match.getAttribute("value") : file.getAttribute("name");
                if (!path.isEmpty()) {
                    entry.put("path", path);
                }
            }
        } catch (Exception e) {
            matches.addObject().put("unreadable", "the EOC result XML could not be read: " + e.getMessage());
        }
        return matches;
    }
}
