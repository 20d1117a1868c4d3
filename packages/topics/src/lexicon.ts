import type { MediaTopicCode } from './media-topics.ts'

/**
 * Hand-built term lists for the Media Topics, written from the IPTC definitions and the names of
 * their narrower concepts (IPTC Media Topics, CC BY 4.0). Each topic maps a weight to a
 * comma-separated list of one- or two-word terms; stop words inside a term are ignored, so
 * 'friends of the earth' matches as the bigram 'friends earth'. Topics the trained model covers
 * get terms only where the BBC training data is thin (fine arts, natural science, international
 * politics: the BBC politics class is almost all British domestic politics).
 * Ambiguous words are left out on purpose: 'labour' (the party), 'union' (European Union),
 * 'forecast' (earnings), 'cloud' (computing), 'striker' (football).
 */
export const TOPIC_LEXICON: Partial<Record<MediaTopicCode, Record<string, string>>> = {
  'medtop:01000000': {
    0.5: 'museum, museums, exhibition, gallery, galleries, painting, paintings, sculpture, opera, ballet, theatre, poet, poetry, novelist, orchestra, symphony, artworks, artist, artists',
  },
  'medtop:02000000': {
    1: 'police, arrested, arrest, court, courts, judge, jury, trial, verdict, convicted, sentenced, jailed, jail, prison, prisoners, murder, murdered, robbery, theft, stolen, burglary, fraud, suspect, suspects, detectives, prosecutors, prosecution, prosecuted, defendant, guilty, acquitted, criminal, criminals, crime, crimes, offenders, bail, stabbed, stabbing, smuggling, trafficking, bribery, money laundering, high court, supreme court, crown court, police officers, law enforcement, homicide, lawsuit',
    0.5: 'lawyer, lawyers, barrister, charged, offence, offences, sentence, appeal court, illegal, gang, gangs, corruption, custody, sued, magistrates, investigation, kidnapped, shooting, drug dealers, terrorism, police said',
    0.25: 'law, laws, justice, legal, ruling, investigators, victims',
  },
  'medtop:03000000': {
    1: 'earthquake, earthquakes, quake, tsunami, flood, floods, flooding, flooded, landslide, landslides, avalanche, wildfire, wildfires, bushfire, firefighters, explosion, derailed, derailment, capsized, plane crash, car crash, shipwreck, evacuated, evacuation, death toll, rescuers, rescue workers, emergency services, aftershock, aftershocks, epicentre, epicenter, richter scale, volcano, eruption, rubble, disaster, disasters, catastrophe, survivors, collapsed',
    0.5: 'crash, crashed, accident, accidents, collision, blaze, fire, fires, blast, rescue, rescued, injured, casualties, magnitude, hurricane, cyclone, typhoon, tornado, famine, relief effort, aid agencies, red cross, emergency, debris, trapped, missing, destroyed',
    0.25: 'killed, dead, victims, damage, humanitarian, drought',
  },
  'medtop:05000000': {
    1: 'school, schools, pupils, teachers, teacher, university, universities, students, student, education, educational, curriculum, exam, exams, gcse, gcses, tuition fees, tuition, classroom, classrooms, headteacher, head teacher, lecturers, schoolchildren, primary schools, secondary schools, ofsted, college, colleges, kindergarten, literacy',
    0.5: 'teaching, graduates, graduate, degree, degrees, campus, scholarship, scholarships, academic, learning, nursery, lessons, exam results, higher education',
  },
  'medtop:06000000': {
    1: 'environment, environmental, climate change, global warming, emissions, carbon dioxide, greenhouse gases, greenhouse gas, pollution, polluted, pollutants, recycling, conservation, endangered, wildlife, biodiversity, habitat, habitats, deforestation, rainforest, ecosystem, ecosystems, renewable energy, renewables, fossil fuels, kyoto, environmentalists, greenpeace, friends earth, conservationists, extinction, oil spill, ozone, climate',
    0.5: 'carbon, species, sustainable, sustainability, solar power, wind farm, wind farms, waste, recycle, air quality, forests, green, drought, emission',
  },
  'medtop:07000000': {
    1: 'health, hospital, hospitals, patients, patient, doctors, nurses, nhs, disease, diseases, virus, infection, infections, infected, cancer, diabetes, obesity, vaccine, vaccines, vaccination, medical, medicine, medicines, surgery, surgeons, clinic, clinics, epidemic, pandemic, outbreak, flu, influenza, hiv, aids, malaria, tuberculosis, mental health, symptoms, diagnosis, diagnosed, illness, healthcare, health care, bird flu, sars, heart disease, smoking',
    0.5: 'doctor, nurse, treatment, treatments, drug, drugs, gp, gps, therapy, blood, pharmaceutical, alcohol, smokers, world health, dementia, depression, ill, wellbeing',
  },
  'medtop:08000000': {
    1: 'heartwarming, reunited, centenarian, 100th birthday, puppy, kitten, good samaritan',
    0.5: 'birthday, pet, pets, dog, dogs, zoo, panda, lottery winner, miracle, oldest, twins, grandmother, grandfather, bravery, kindness, emotional',
    0.25: 'cat, cats, animal, animals, baby, wedding, hero, lottery, donated',
  },
  'medtop:09000000': {
    1: 'trade union, trade unions, unions, industrial action, walkout, strikes, unemployment, unemployed, jobless, job cuts, job losses, redundancies, redundancy, layoffs, laid off, minimum wage, wages, wage, labour market, labor market, workforce, workers, employees, employment, tuc, pay deal, pay rise, union members, union leaders, working hours, apprenticeships, employers',
    0.5: 'strike, jobs, pension, pensions, salaries, retirement, workplace, recruitment, hiring, staff, overtime, migrant workers, employer, pay',
  },
  'medtop:10000000': {
    1: 'holiday, holidays, holidaymakers, vacation, tourism, tourists, tourist, hotel, hotels, resort, resorts, cruise, restaurant, restaurants, chef, chefs, recipe, recipes, cooking, cuisine, wine, gardening, hobby, hobbies, leisure, fitness, gym, yoga, lifestyle, camping, hiking, sightseeing, backpackers, theme park, spa, dining',
    0.5: 'travel, travellers, beer, pub, pubs, garden, gardens, diet, dieting, beach, beaches, cafe, fashion, shopping, food, meal, meals',
  },
  'medtop:11000000': {
    1: 'diplomatic, diplomats, diplomat, foreign minister, foreign ministry, embassy, ambassador, bilateral, summit, kremlin, white house, state media, lawmakers, parliament, parliamentary, referendum, regime, head state, prime minister, president, presidential, election, elections, sanctions, treaty, geopolitical',
    0.5: 'government, minister, ministers, leader, leaders, congress, senate, cabinet, opposition, ruling party, officials, vote, policy, negotiations',
  },
  'medtop:12000000': {
    1: 'church, churches, religion, religious, god, faith, pope, vatican, bishop, bishops, archbishop, priest, priests, clergy, muslim, muslims, islam, islamic, mosque, mosques, christian, christians, christianity, catholic, catholics, protestant, anglican, jewish, jews, judaism, synagogue, hindu, hindus, buddhist, buddhists, sikh, sikhs, imam, rabbi, prayer, prayers, worship, pilgrims, pilgrimage, bible, koran, quran, ramadan, blasphemy, theology, monks, nuns, sermon, diocese, evangelical',
    0.5: 'temple, sect, cult, cardinal, secular, faithful, christmas, easter, spiritual',
  },
  'medtop:13000000': {
    1: 'scientists, scientist, researchers, laboratory, physics, chemistry, biology, astronomy, astronomers, nasa, telescope, planet, planets, galaxy, spacecraft, genes, genetic, dna, fossil, fossils, evolution, molecules, quantum, archaeologists, archaeology, dinosaur, dinosaurs, universe, stem cells, cloning, mathematics, physicists, experiments',
    0.5: 'research, space, mars, orbit, experiment, particle, particles, satellite, species, study, journal, science, scientific, discovery',
  },
  'medtop:14000000': {
    1: 'poverty, homeless, homelessness, charity, charities, welfare, human rights, discrimination, racism, racist, equality, inequality, gay, lesbian, same sex, immigrants, migrants, refugees, asylum seekers, asylum, pensioners, disabled, disability, gender, feminism, abortion, civil rights, domestic violence, child poverty, social services, minorities, ethnic minorities, volunteers, adoption, divorce',
    0.5: 'poor, immigration, elderly, population, community, communities, social, youth, teenagers, census, ethnic, marriage, benefits, women rights, children',
    0.25: 'family, families, women',
  },
  'medtop:16000000': {
    1: 'war, wars, military, troops, soldiers, army, armed forces, weapons, missile, missiles, nuclear weapons, bomb, bombs, bombing, airstrike, airstrikes, air strikes, insurgents, insurgency, rebels, militants, militia, terrorist, terrorists, guerrilla, ceasefire, peace talks, invasion, invaded, combat, artillery, navy, air force, pentagon, nato, warfare, hostages, protesters, demonstrators, riot, riots, uprising, coup, genocide, ammunition, munitions, drones, warplanes, frontline, front line, deterrent, war readiness, arms race, shelling, arms exports, arms dealings, ballistic, warheads',
    0.5: 'arms, conflict, peace, attack, attacks, terrorism, terror, nuclear, occupation, defence, defense, violence, protest, protests, unrest, tanks, offensive, killed, fighting, weapon, armed, security forces',
    0.25: 'sanctions, demonstration, demonstrations, battle, refugees',
  },
  'medtop:17000000': {
    1: 'weather, weather forecast, forecasters, met office, rain, rainfall, heavy rain, snow, snowfall, frost, fog, gales, gusts, storm, storms, thunderstorms, thunderstorm, hurricane, hurricanes, typhoon, cyclone, tornado, tornadoes, heatwave, heat wave, temperatures, celsius, fahrenheit, sunshine, sunny, cloudy, humidity, monsoon, meteorologists, meteorological, blizzard, hail, cold snap, freezing, showers, downpours, winds, wind',
    0.5: 'ice, icy, temperature, degrees, drought, mph, warnings, mild, chilly, heat, cold, flooding',
  },
}
