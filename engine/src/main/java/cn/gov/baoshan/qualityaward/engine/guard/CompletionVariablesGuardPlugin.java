package cn.gov.baoshan.qualityaward.engine.guard;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;

/**
 * Issue 14 (5): a user task's completion may set only the variables its own form declares, and a start
 * form's 统一社会信用代码 / 身份证号 must carry a valid check character. Registered on every process
 * engine of the Spring Boot application (the starter picks up ProcessEnginePlugin beans).
 */
@Component
public class CompletionVariablesGuardPlugin extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    // After the CommandContextInterceptor: the guard runs inside the command's context and transaction.
    List<CommandInterceptor> post = configuration.getCustomPostCommandInterceptorsTxRequired();
    List<CommandInterceptor> interceptors = post == null ? new ArrayList<>() : new ArrayList<>(post);
    interceptors.add(new CompletionVariablesGuard());
    // Art. 26: an office member who recused from an application works none of its tasks.
    interceptors.add(new RecusalGuard());
    configuration.setCustomPostCommandInterceptorsTxRequired(interceptors);

    List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners();
    List<BpmnParseListener> parse = listeners == null ? new ArrayList<>() : new ArrayList<>(listeners);
    parse.add(new StartFormIdentifiersParseListener());
    configuration.setCustomPostBPMNParseListeners(parse);
  }
}
