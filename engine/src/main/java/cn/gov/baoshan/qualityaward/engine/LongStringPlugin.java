package cn.gov.baoshan.qualityaward.engine;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricFormPropertyEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.impl.variable.serializer.TypedValueSerializer;
import org.springframework.stereotype.Component;

/**
 * Registers {@link LongStringValueSerializer} ahead of the engine's own String serializer, and keeps a
 * form submission of a long text from failing on the form-property history row (its value column is
 * varchar(4000) too): that row keeps the beginning of the text, while the variable's own history holds
 * all of it.
 */
@Component
public class LongStringPlugin extends AbstractProcessEnginePlugin {
  static final String CUT_MARK = "…（全文见流程变量历史）";
  @Override
  @SuppressWarnings("rawtypes")
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<TypedValueSerializer> pre = configuration.getCustomPreVariableSerializers();
    List<TypedValueSerializer> serializers = pre == null ? new ArrayList<>() : new ArrayList<>(pre);
    serializers.add(0, new LongStringValueSerializer());
    configuration.setCustomPreVariableSerializers(serializers);
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    HistoryEventHandler inner = configuration.getHistoryEventHandler();
    if (inner == null) return;
    configuration.setHistoryEventHandler(
        new HistoryEventHandler() {
          @Override
          public void handleEvent(HistoryEvent event) {
            inner.handleEvent(fit(event));
          }

          @Override
          public void handleEvents(List<HistoryEvent> events) {
            for (HistoryEvent event : events) fit(event);
            inner.handleEvents(events);
          }
        });
  }

  private static HistoryEvent fit(HistoryEvent event) {
    if (event instanceof HistoricFormPropertyEventEntity) {
      HistoricFormPropertyEventEntity property = (HistoricFormPropertyEventEntity) event;
      Object value = property.getPropertyValue();
      int limit = LongStringValueSerializer.TEXT_COLUMN_LIMIT;
      if (value instanceof String && ((String) value).length() > limit)
        property.setPropertyValue(((String) value).substring(0, limit - CUT_MARK.length()) + CUT_MARK);
    }
    return event;
  }
}
