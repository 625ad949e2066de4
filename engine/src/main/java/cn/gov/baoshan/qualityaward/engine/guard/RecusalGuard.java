package cn.gov.baoshan.qualityaward.engine.guard;

import static cn.gov.baoshan.qualityaward.engine.guard.CommandFields.field;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.cmd.AssignTaskCmd;
import org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.DelegateTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;

/**
 * Art. 26 (回避): a member of the office who declared a conflict of interest (利害关系) with an applicant
 * is listed in the process variable {@code recusedStaff} (a JSON array of user ids) of that application's
 * award-application instance. Such a person can no longer claim, be assigned, be delegated or complete
 * any task of that instance, nor a task of the cycle about that application (a task whose scope holds
 * {@code reviewApplicationId} or {@code objectionApplicationId}: 安排现场评审, 核查异议), read from the
 * application instance's history; the refusal is in Chinese and nothing changes. Engine-internal calls
 * without an authenticated user (none reach here over REST) pass.
 */
public class RecusalGuard extends CommandInterceptor {
  public static final String VARIABLE = "recusedStaff";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public <T> T execute(Command<T> command) {
    CommandContext context = Context.getCommandContext();
    if (context != null && context.getAuthenticatedUserId() != null) {
      String actor = context.getAuthenticatedUserId();
      if (command instanceof ClaimTaskCmd)
        verify(context, field(command, "taskId"), field(command, "userId"), "认领");
      else if (command instanceof AssignTaskCmd)
        verify(context, field(command, "taskId"), field(command, "userId"), "指派给");
      else if (command instanceof DelegateTaskCmd)
        verify(context, field(command, "taskId"), field(command, "userId"), "委托给");
      else if (command instanceof CompleteTaskCmd)
        verify(context, field(command, "taskId"), actor, "完成");
      else if (command instanceof SubmitTaskFormCmd)
        verify(context, field(command, "taskId"), actor, "完成");
    }
    return next.execute(command);
  }

  private static void verify(CommandContext context, String taskId, String userId, String act) {
    if (taskId == null || userId == null) return;
    TaskEntity task = context.getTaskManager().findTaskById(taskId);
    if (task == null || task.getExecutionId() == null) return;
    Set<String> recused =
        context.runWithoutAuthorization(
            () -> {
              Set<String> ids = recused(task.getVariable(VARIABLE));
              ids.addAll(applicationRecusals(context, task));
              return ids;
            });
    if (!recused.contains(userId)) return;
    throw new AuthorizationException(
        "不能"
            + act
            + (act.endsWith("给") ? " " + userId + " " : "")
            + "任务“"
            + task.getName()
            + "”：用户 "
            + userId
            + " 已声明与该申报者存在利害关系并申请回避（第二十六条），不得办理该申报的任务，请由其他工作人员办理");
  }

  /** The variables by which a cycle task names the one application it is about. */
  private static final String[] APPLICATION_VARIABLES = {"reviewApplicationId", "objectionApplicationId"};

  /** The recused staff of the award-application instance a cycle task is about (running or ended). */
  private static Set<String> applicationRecusals(CommandContext context, TaskEntity task) {
    Set<String> ids = new HashSet<>();
    for (String name : APPLICATION_VARIABLES) {
      Object id = task.getVariable(name);
      if (!(id instanceof String applicationId) || applicationId.isBlank()) continue;
      String businessKey = task.getProcessInstance() == null ? null : task.getProcessInstance().getBusinessKey();
      String key =
          applicationId.contains("/") || businessKey == null ? applicationId : businessKey + "/" + applicationId;
      HistoryService history = context.getProcessEngineConfiguration().getHistoryService();
      List<String> instances =
          history.createHistoricProcessInstanceQuery()
              .processDefinitionKey("award-application")
              .processInstanceBusinessKey(key)
              .list()
              .stream()
              .map(HistoricProcessInstance::getId)
              .toList();
      if (instances.isEmpty()) continue;
      for (HistoricVariableInstance v :
          history.createHistoricVariableInstanceQuery()
              .processInstanceIdIn(instances.toArray(String[]::new))
              .variableName(VARIABLE)
              .disableCustomObjectDeserialization()
              .list()) ids.addAll(recused(v.getValue()));
    }
    return ids;
  }

  static Set<String> recused(Object value) {
    Set<String> ids = new HashSet<>();
    if (value == null) return ids;
    try {
      JsonNode node = JSON.readTree(value.toString());
      if (node.isArray()) node.forEach(n -> ids.add(n.asText()));
    } catch (java.io.IOException e) {
      throw new IllegalStateException("变量 recusedStaff 不是 JSON 数组：" + e.getMessage(), e);
    }
    return ids;
  }
}
