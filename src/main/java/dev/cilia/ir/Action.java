package dev.cilia.ir;

/** Whether a rule lets traffic through or drops it. */
public enum Action {
  ALLOW,
  DENY
}
