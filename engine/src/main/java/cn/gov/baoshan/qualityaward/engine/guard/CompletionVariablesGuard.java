package cn.gov.baoshan.qualityaward.engine.guard;

import static cn.gov.baoshan.qualityaward.engine.guard.CommandFields.field;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.form.FormField;
import org.camunda.bpm.engine.form.TaskFormData;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.PatchTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.RemoveTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SetTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * Issue 14 (5): completing a user task (REST complete, Tasklist submit-form) or setting its
 * non-local variables may touch only the variables its form declares: the editable field keys of the
 * task's deployed camunda:formRef form (its camunda:formData fields for a generated form). A read-only or
 * disabled field may be sent back only unchanged. Anything else is refused in Chinese and nothing is
 * written. Engine-internal calls without an authenticated user (none reach here over REST) pass.
 */
public class CompletionVariablesGuard extends CommandInterceptor {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The form's variables per process definition and task definition key (binding "deployment"). */
  private final Map<String, Declared> cache = new ConcurrentHashMap<>();

  record Declared(Set<String> editable, Set<String> readOnly) {}

  private record Change(String taskId, Map<String, ?> variables, Collection<String> deletions, String what) {}

  @Override
  public <T> T execute(Command<T> command) {
    Change change = changeOf(command);
    CommandContext context = Context.getCommandContext();
    if (change != null && context != null && context.getAuthenticatedUserId() != null) verify(context, change);
    return next.execute(command);
  }

  private static Change changeOf(Command<?> command) {
    if (command instanceof CompleteTaskCmd)
      return new Change(field(command, "taskId"), field(command, "variables"), null, "完成任务");
    if (command instanceof SubmitTaskFormCmd)
      return new Change(field(command, "taskId"), field(command, "properties"), null, "提交表单");
    if (command instanceof SetTaskVariablesCmd && !isLocal(command))
      return new Change(field(command, "entityId"), field(command, "variables"), null, "设置任务变量");
    if (command instanceof RemoveTaskVariablesCmd && !isLocal(command))
      return new Change(field(command, "entityId"), null, field(command, "variableNames"), "删除任务变量");
    if (command instanceof PatchTaskVariablesCmd && !isLocal(command))
      return new Change(
          field(command, "entityId"), field(command, "variables"), field(command, "deletions"), "修改任务变量");
    return null;
  }

  private static boolean isLocal(Command<?> command) {
    Boolean local = field(command, "isLocal");
    return Boolean.TRUE.equals(local);
  }

  private void verify(CommandContext context, Change change) {
    if (change.taskId() == null) return;
    TaskEntity task = context.getTaskManager().findTaskById(change.taskId());
    // No such task, or a standalone task without a process: the engine's own checks answer.
    if (task == null || task.getProcessDefinitionId() == null) return;
    Declared declared =
        cache.computeIfAbsent(
            task.getProcessDefinitionId() + "#" + task.getTaskDefinitionKey(),
            key -> context.runWithoutAuthorization(() -> declaredOf(task.getId())));
    Set<String> refused = new TreeSet<>();
    if (change.variables() != null) {
      for (Map.Entry<String, ?> entry : change.variables().entrySet()) {
        String name = entry.getKey();
        if (declared.editable().contains(name)) continue;
        if (declared.readOnly().contains(name) && unchanged(task, name, entry.getValue())) continue;
        refused.add(name);
      }
    }
    if (change.deletions() != null)
      for (String name : change.deletions()) if (!declared.editable().contains(name)) refused.add(name);
    if (refused.isEmpty()) return;
    throw new FormFieldValidationException(
        String.join(",", refused),
        "不能"
            + change.what()
            + "“"
            + task.getName()
            + "”：变量 "
            + String.join("、", refused)
            + " 不在该任务表单的可填写字段中，任务的办理只能填写表单所列内容（申报人信息只能由审定委员会办公室更正），本次提交未生效");
  }

  private static boolean unchanged(TaskEntity task, String name, Object sent) {
    Object value = sent instanceof TypedValue typed ? typed.getValue() : sent;
    Object current = task.getVariable(name);
    if (Objects.equals(value, current)) return true;
    if (value == null || current == null) return false;
    // Tasklist may send a number back as another Java type (Long 80 for Integer 80, Double 80.0 for Long 80).
    if (value instanceof Number a && current instanceof Number b) return a.doubleValue() == b.doubleValue();
    return value.toString().equals(current.toString());
  }

  private static Declared declaredOf(String taskId) {
    ProcessEngineConfigurationImpl configuration = Context.getProcessEngineConfiguration();
    TaskFormData data = configuration.getFormService().getTaskFormData(taskId);
    Set<String> editable = new HashSet<>();
    Set<String> readOnly = new HashSet<>();
    if (data.getCamundaFormRef() != null) {
      try (InputStream in = configuration.getFormService().getDeployedTaskForm(taskId)) {
        collect(JSON.readTree(in).path("components"), editable, readOnly);
      } catch (java.io.IOException e) {
        throw new IllegalStateException("任务表单无法读取：" + e.getMessage(), e);
      }
    } else {
      for (FormField f : data.getFormFields()) editable.add(f.getId());
    }
    readOnly.removeAll(editable);
    return new Declared(Set.copyOf(editable), Set.copyOf(readOnly));
  }

  /** The variable names of a Camunda Forms component tree: a key's or a path's first segment. */
  private static void collect(JsonNode components, Set<String> editable, Set<String> readOnly) {
    List<JsonNode> todo = new ArrayList<>();
    components.forEach(todo::add);
    for (JsonNode c : todo) {
      boolean locked = c.path("readonly").asBoolean(false) || c.path("disabled").asBoolean(false);
      String path = c.path("path").asText("");
      String key = c.path("key").asText("");
      String type = c.path("type").asText("");
      if (!path.isBlank()) {
        (locked ? readOnly : editable).add(path.split("\\.")[0]);
        continue;
      }
      if (!key.isBlank() && !"button".equals(type)) (locked ? readOnly : editable).add(key.split("\\.")[0]);
      if (c.has("components")) collect(c.path("components"), editable, readOnly);
    }
  }
}
