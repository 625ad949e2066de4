package cn.gov.baoshan.qualityaward.engine.guard;

import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ProcessDefinitionImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * A Camunda Forms field pattern cannot compute a check character: a process started from a start form
 * (camunda:formRef, e.g. the office entering an application in Tasklist) is refused, and rolled back,
 * when its creditCode / employerCreditCode / idNumber variable has a wrong one.
 */
public class StartFormIdentifiersParseListener extends AbstractBpmnParseListener {
  private static final String[] CREDIT_CODES = {"creditCode", "employerCreditCode"};

  @Override
  public void parseStartEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
    if (!(scope instanceof ProcessDefinitionImpl)) return;
    String formRef = element.attributeNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "formRef");
    if (formRef == null || formRef.isBlank()) return;
    activity.addBuiltInListener(ExecutionListener.EVENTNAME_START, checkIdentifiers());
  }

  private static ExecutionListener checkIdentifiers() {
    return execution -> {
      Object kind = execution.getVariable("applicantKind");
      for (String name : CREDIT_CODES) {
        // An individual's own 统一社会信用代码 field is hidden (the employer's is still checked).
        if ("creditCode".equals(name) && "individual".equals(kind)) continue;
        Object value = execution.getVariable(name);
        if (value instanceof String s && !s.isBlank()) {
          String problem = Identifiers.creditCodeProblem(s.trim().toUpperCase());
          if (problem != null) throw refused(name, problem);
        }
      }
      Object id = execution.getVariable("idNumber");
      if (id instanceof String s && !s.isBlank() && !"organization".equals(kind)) {
        String problem = Identifiers.idNumberProblem(s.trim().toUpperCase());
        if (problem != null) throw refused("idNumber", problem);
      }
    };
  }

  private static FormFieldValidationException refused(String field, String problem) {
    return new FormFieldValidationException(
        field, "字段 " + field + "：" + problem + "，申报未提交，请核对后重新填写");
  }
}
