package cn.gov.baoshan.qualityaward.engine;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.variable.serializer.TypedValueSerializer;
import org.springframework.stereotype.Component;

/** Registers {@link LongStringValueSerializer} ahead of the engine's own String serializer. */
@Component
public class LongStringPlugin extends AbstractProcessEnginePlugin {
  @Override
  @SuppressWarnings("rawtypes")
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<TypedValueSerializer> pre = configuration.getCustomPreVariableSerializers();
    List<TypedValueSerializer> serializers = pre == null ? new ArrayList<>() : new ArrayList<>(pre);
    serializers.add(0, new LongStringValueSerializer());
    configuration.setCustomPreVariableSerializers(serializers);
  }
}
