/**
 * Word lists for realistic Chinese names. Surnames are the most common ones
 * (roughly in order of frequency, weighted by position); given names are
 * one or two characters from lists common for men and for women.
 */
export const SURNAMES: readonly string[] = [
  '王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高',
  '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹', '彭', '曾', '肖', '田', '董', '潘', '袁', '蔡', '蒋', '余',
  '于', '杜', '叶', '程', '魏', '苏', '吕', '丁', '任', '卢', '姚', '沈', '钟', '姜', '崔', '谭', '陆', '范', '汪', '廖',
  '石', '金', '贾', '夏', '付', '方', '邹', '熊', '白', '孟', '秦', '邱', '侯', '江', '尹', '薛', '段', '雷', '龙', '黎',
  '史', '陶', '贺', '毛', '郝', '顾', '龚', '邵', '万', '严', '欧阳', '司马', '诸葛',
];

export const MALE_GIVEN: readonly string[] = [
  '伟', '强', '磊', '军', '勇', '杰', '涛', '斌', '超', '明', '刚', '平', '辉', '鹏', '华', '飞', '鑫', '波', '宇', '浩',
  '凯', '健', '俊', '帆', '帅', '旭', '宁', '龙', '林', '阳', '建国', '建华', '志强', '志明', '国强', '文博', '子豪',
  '浩然', '宇轩', '俊杰', '思远', '天佑', '明轩', '一鸣', '嘉豪', '泽宇', '博文', '晨阳', '家乐', '德华',
];

export const FEMALE_GIVEN: readonly string[] = [
  '芳', '娜', '敏', '静', '丽', '艳', '娟', '霞', '燕', '玲', '婷', '雪', '琳', '洁', '颖', '倩', '慧', '莉', '萍', '红',
  '秀英', '桂英', '玉兰', '晓燕', '丽华', '雨涵', '欣怡', '梓涵', '诗涵', '可馨', '紫萱', '思琪', '佳怡', '雅婷',
  '婉清', '梦洁', '晓雯', '静怡', '心怡', '语嫣',
];

/** Trade names (字号) for enterprises. */
export const TRADE_NAMES: readonly string[] = [
  '锦程', '天府', '蓉欣', '华信', '宏达', '鑫源', '博远', '恒通', '瑞丰', '盛世', '嘉禾', '新元', '鸿泰', '德信', '嘉润',
  '祥和', '金桥', '川锦', '星河', '九州', '海峡', '闽盛', '榕城', '鹭岛', '东方', '和瑞', '安达', '明珠', '创新', '中天',
  '佳联', '同创', '卓越', '君诚', '远航', '润景', '凯旋', '富华', '润泽', '晨光',
];

/** Industry words in company names, by customer industry. */
export const INDUSTRY_WORDS: Readonly<Record<string, readonly string[]>> = {
  manufacturing: ['机械制造', '电子', '食品', '化工', '新材料', '汽车配件'],
  retail: ['商贸', '百货', '贸易', '超市连锁', '医药连锁'],
  information_technology: ['科技', '信息技术', '网络科技', '软件', '数据服务'],
  logistics: ['物流', '运输', '供应链管理', '快递'],
  hospitality: ['餐饮管理', '酒店管理', '文化旅游'],
  construction: ['建筑工程', '房地产开发', '装饰工程', '物业管理'],
  energy: ['能源', '燃气', '电力工程', '新能源'],
  agriculture: ['农业开发', '茶业', '生态农业'],
  finance: ['投资', '融资担保', '资产管理'],
  other: ['咨询', '文化传媒', '广告', '教育咨询'],
};

export const COMPANY_SUFFIXES: readonly string[] = ['有限公司', '有限公司', '有限公司', '有限责任公司', '股份有限公司'];

/** Small businesses registered as 个体工商户, named after their shop. */
export const SHOP_KINDS: readonly string[] = ['便利店', '超市', '餐馆', '火锅店', '茶楼', '五金店', '水果店', '药房', '理发店', '汽车维修部', '服装店', '手机店'];

export const POSITIONS: Readonly<Record<string, readonly string[]>> = {
  decision_maker: ['总经理', '副总经理', '董事长', '办公室主任'],
  telecom_admin: ['行政经理', '办公室专员', '综合部经理'],
  finance: ['财务经理', '会计', '出纳'],
  technical: ['信息中心主任', '网络管理员', 'IT经理'],
};

export const NOTES: readonly string[] = [
  '客户要求电子账单发送至邮箱。',
  '多次咨询宽带提速，可推荐千兆融合套餐。',
  '曾投诉室内信号弱，已安排优化并回访，客户满意。',
  '合约即将到期，客户经理已预约上门续约。',
  '老年客户，办理业务请耐心讲解资费。',
  '客户对价格敏感，关注流量包优惠。',
  '集团成员统一付费，个人不得变更主套餐。',
  '需开具增值税专用发票。',
];
