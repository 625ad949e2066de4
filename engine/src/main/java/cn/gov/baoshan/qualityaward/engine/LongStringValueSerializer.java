package cn.gov.baoshan.qualityaward.engine;

import java.nio.charset.StandardCharsets;
import org.camunda.bpm.engine.impl.variable.serializer.StringValueSerializer;
import org.camunda.bpm.engine.impl.variable.serializer.ValueFields;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.StringValue;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * String variables longer than the engine's 4000-character text column (award lists, review summaries,
 * rankings, objection reasons, reports) are kept as UTF-8 bytes in the byte-array table instead of
 * failing. They stay ordinary String variables everywhere else: REST, Tasklist forms, expressions and
 * history see type String (issue 18, issue 16 item 7). Short strings keep the engine's own serializer,
 * so queries on them work as before.
 */
public class LongStringValueSerializer extends StringValueSerializer {
  /** The engine's TEXT_ columns are varchar(4000). */
  public static final int TEXT_COLUMN_LIMIT = 4000;

  public static final String NAME = "longString";

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  protected boolean canWriteValue(TypedValue typedValue) {
    Object value = typedValue.getValue();
    return value instanceof String && ((String) value).length() > TEXT_COLUMN_LIMIT;
  }

  @Override
  public StringValue readValue(ValueFields valueFields, boolean asTransientValue) {
    byte[] bytes = valueFields.getByteArrayValue();
    String value = bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    return Variables.stringValue(value, asTransientValue);
  }

  @Override
  public void writeValue(StringValue variableValue, ValueFields valueFields) {
    String value = variableValue.getValue();
    valueFields.setByteArrayValue(value == null ? null : value.getBytes(StandardCharsets.UTF_8));
  }
}
