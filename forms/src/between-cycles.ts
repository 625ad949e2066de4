// Forms of the processes between cycles (Art. 5, 6, 10 (7), 24, 27, 28): title misuse, incubation
// year, retention and rule editions.
import type { Component } from './components.js';

export const betweenCycleForms: Record<string, Component[]> = {};
