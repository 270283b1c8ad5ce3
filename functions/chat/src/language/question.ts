/** A question: ends with "?", or opens with a question word or an auxiliary verb put first. */
export const QUESTION = /\?\s*$|^(?:what|what's|whats|when|where|who|whom|whose|why|how|which|is|are|am|was|were|can|could|would|will|shall|should|do|does|did|have|has|may|might)\b/i;
