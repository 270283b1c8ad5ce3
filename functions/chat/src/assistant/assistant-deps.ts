import type { Clients } from '../clients/clients';
import type { CallContext } from '../clients/service-transport';

/** What one turn of the assistant works with: the user's clients and context, the clock and time zone. */
export interface TurnDeps {
  clients: Clients;
  call: CallContext;
  userId: string;
  now: Date;
  timeZone: string;
}
