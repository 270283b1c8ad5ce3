/**
 * A question: ends with "?", opens with a question word, or puts a verb before its subject ("is the
 * dentist tomorrow", "do I have…", "can we…"). "do the dishes" or "have the car serviced" are tasks.
 */
export const QUESTION = /\?\s*$|^(?:what|what's|whats|when|when's|where|who|whom|whose|why|how|which)\b|^(?:is|are|am|was|were)\s|^(?:do|does|did|can|could|would|will|shall|should|have|has|may|might)\s+(?:i|you|we|they|he|she|it|there)\b/i;
