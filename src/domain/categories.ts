/** Category codes of the labelling guide (../shared/spec/leads-labeling-guide.md §2): the contract. */
export const CATEGORIES = {
  sanitation: '市容环卫',
  noise: '噪声扰民',
  pollution: '环境污染',
  greenery: '园林绿化',
  road: '道路设施',
  traffic: '交通秩序',
  municipal: '市政公用',
  fire_safety: '消防安全',
  building: '房屋建筑',
  city_order: '城管秩序',
  food_drug: '食品药品',
  consumer: '消费维权',
  labor: '劳动保障',
  property: '物业住房',
  health: '卫生健康',
  education: '教育与未成年人',
  welfare: '民政养老与无障碍',
  fraud_privacy: '反诈与个人信息',
  other: '其他',
} as const;

export type Category = keyof typeof CATEGORIES;
export const CATEGORY_CODES = Object.keys(CATEGORIES) as [Category, ...Category[]];

export const URGENCIES = ['urgent', 'normal'] as const;
export type Urgency = (typeof URGENCIES)[number];

/** Official district names of the default deployment (guide §4). */
export const SHENZHEN_DISTRICTS = ['福田区', '罗湖区', '南山区', '盐田区', '宝安区', '龙岗区', '龙华区', '坪山区', '光明区', '大鹏新区'] as const;
