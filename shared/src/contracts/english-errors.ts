import * as z from 'zod/mini';
import { en } from 'zod/locales';

// `zod/mini` ships no locale (every built-in message would read "Invalid input"); classic zod sets English
// by default. Every shared schema module imports this file, so problems keep zod's English messages.
z.config(en());
