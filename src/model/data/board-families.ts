import type { Category } from '../../domain/categories.js';

/**
 * A provincial message board files letters under a department family, not one of our 19
 * categories. Each family is the set of categories its department handles (issue 9's mapping):
 * a letter teaches the model "one of these", and is scored right when the verdict's category
 * falls in its family.
 */
export const BOARD_FAMILIES: Record<string, readonly Category[]> = {
  城乡建设: ['building', 'municipal', 'property', 'road', 'city_order', 'greenery', 'sanitation'],
  环境保护: ['pollution', 'noise', 'sanitation', 'greenery'],
  交通运输: ['traffic', 'road'],
  教育文体: ['education'],
  劳动和社会保障: ['labor', 'welfare'],
  卫生计生: ['health', 'food_drug'],
  商贸旅游: ['consumer', 'fraud_privacy', 'food_drug'],
};
