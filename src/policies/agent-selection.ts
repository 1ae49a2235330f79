// Agent-selection policies by name: which of the agents with room gets an arriving contact.
// A policy is a pure ranking: it gives each agent a (primary, secondary) key, lowest first,
// ties going to the lower agent index. Routing keeps agents in heaps by this key, so a
// decision costs O(log agents), never a scan. Exports `AGENT_SELECTION` (by name),
// `AGENT_SELECTIONS` (the names) and `SelectionKey`.

/** What a policy may look at to rank an agent. */
export interface AgentStanding {
  /** Contacts held right now, wrap included. */
  readonly held: number;
  /** Load as the profile counts it: capacity units in use, or contacts held without a budget. */
  readonly load: number;
  /** When the agent last became empty, s. */
  readonly idleSince: number;
  /** When the agent last received a contact, s. */
  readonly lastAssignedAt: number;
  /** Serial of the agent's last assignment (negative before the first, in agent order). */
  readonly lastAssignment: number;
}

export interface SelectionKey {
  primary: number;
  secondary: number;
}

/** The policies' names, as a scenario's `routing.agentSelection` spells them. */
export const AGENT_SELECTIONS = ['longestIdle', 'leastBusy', 'roundRobin'] as const;
export type AgentSelection = (typeof AGENT_SELECTIONS)[number];
export type SelectionPolicy = (agent: AgentStanding, key: SelectionKey) => void;

/**
 * longestIdle: empty agents first, the one empty longest first; then agents with room, the one
 * whose last new contact is oldest. leastBusy: fewest units in use (contacts without a budget),
 * then longest idle. roundRobin: the agent whose last assignment is oldest, i.e. turns in order.
 */
export const AGENT_SELECTION: Readonly<Record<AgentSelection, SelectionPolicy>> = {
  longestIdle(agent, key) {
    key.primary = agent.held > 0 ? 1 : 0;
    key.secondary = agent.held > 0 ? agent.lastAssignedAt : agent.idleSince;
  },
  leastBusy(agent, key) {
    key.primary = agent.load;
    key.secondary = agent.held > 0 ? agent.lastAssignedAt : agent.idleSince;
  },
  roundRobin(agent, key) {
    key.primary = 0;
    key.secondary = agent.lastAssignment;
  },
};
