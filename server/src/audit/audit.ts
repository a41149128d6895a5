/** Who did something: a client, a firm's API key or staff member, or the service itself (the CLI, seeding). */
export interface Actor {
  type: 'contact' | 'api_key' | 'staff' | 'system';
  id?: string | null;
}

export interface AuditEntry {
  firmId?: string | null;
  actor: Actor;
  action: string;
  subject?: { type: string; id: string };
  data?: Record<string, unknown>;
  ip?: string | null;
}
