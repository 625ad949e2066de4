package cn.gov.baoshan.qualityaward.engine.guard;

import java.lang.reflect.Field;

/** Reads a private field of an engine command (the guards see commands the engine gives no getter for). */
final class CommandFields {
  private CommandFields() {}

  @SuppressWarnings("unchecked")
  static <V> V field(Object target, String name) {
    for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
      try {
        Field f = c.getDeclaredField(name);
        f.setAccessible(true);
        return (V) f.get(target);
      } catch (NoSuchFieldException e) {
        // look in the superclass
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException("engine command " + target.getClass().getName() + " has no field " + name);
  }
}
