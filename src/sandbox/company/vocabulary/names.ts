/**
 * Names and contact details the generator draws people from. All invented; personal emails use
 * the reserved `.example` top-level domain so nothing generated can reach a real mailbox.
 */

/** Splits a comma-separated block of names; keeps long lists compact and readable. */
function list(block: string): readonly string[] {
  return block
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

export const FEMALE_FIRST_NAMES: readonly string[] = list(`
Aaliyah, Abigail, Adriana, Aisha, Alejandra, Alice, Amara, Amelia, Ana, Anika, Anna, Ava,
Beatriz, Camila, Catherine, Charlotte, Chloe, Claire, Daniela, Deepa, Diana, Elena,
Elizabeth, Emily, Emma, Eva, Fatima, Fiona, Gabriela, Grace, Hana, Hannah, Ingrid, Isabel,
Jasmine, Jennifer, Jessica, Julia, Katherine, Keiko, Laura, Leila, Lina, Lucia, Maya,
Margaret, Maria, Mei, Mia, Michelle, Naomi, Natalia, Nia, Nicole, Nora, Olivia, Patricia,
Priya, Rachel, Rebecca, Rosa, Samantha, Sara, Sofia, Sophie, Susan, Tamara, Valentina,
Victoria, Yasmin, Yuki, Zara, Zoe, Ngozi, Ifeoma, Siobhan, Freya, Astrid, Lakshmi, Meera,
Ayesha, Ji-woo, Thandiwe, Chiara, Amélie, Renée, Zoë, Inés, Małgorzata, Joanna, Kamila,
Olga, Tatiana
`);

export const MALE_FIRST_NAMES: readonly string[] = list(`
Aarav, Adam, Adrian, Ahmed, Alexander, Andrew, Anthony, Arjun, Benjamin, Carlos, Charles,
Chen, Christopher, Daniel, David, Diego, Dmitri, Edward, Elijah, Emmanuel, Ethan, Felipe,
Gabriel, George, Hassan, Henry, Hiroshi, Ibrahim, Isaac, James, Javier, John, Jonathan,
Joseph, Joshua, Juan, Kenji, Kevin, Kwame, Liam, Lucas, Luis, Marcus, Mateo, Matthew,
Michael, Mohammed, Nathan, Nicholas, Noah, Omar, Oliver, Patrick, Paul, Pedro, Rahul, Raj,
Ricardo, Robert, Ryan, Samuel, Sebastian, Stephen, Thomas, Timothy, Tomás, Victor, Vikram,
William, Wei, Yusuf, Zachary, Chinedu, Oluwaseun, Sean, Lars, Mikkel, Sanjay, Kofi,
Min-jun, Jürgen, Søren, José, André, François, Łukasz, Piotr, Mateusz, Ivan, Sergei,
Mehmet
`);

export const NEUTRAL_FIRST_NAMES: readonly string[] = list(`
Alex, Avery, Casey, Charlie, Dakota, Drew, Emerson, Finley, Jamie, Jordan, Kai, Morgan,
Noor, Quinn, Reese, Riley, Robin, Rowan, Sage, Taylor
`);

export const LAST_NAMES: readonly string[] = list(`
Adams, Adeyemi, Ahmed, Ali, Allen, Alvarez, Anderson, Andersson, Bailey, Baker, Banerjee,
Barnes, Becker, Bell, Bennett, Bianchi, Brooks, Brown, Bui, Campbell, Carter, Castillo,
Chan, Chen, Cho, Clark, Collins, Cook, Cooper, Cruz, Das, Davies, Davis, Diaz, Dubois,
Edwards, Evans, Fernandez, Fischer, Flores, Foster, Garcia, Gomez, Gonzalez, Gray, Green,
Gupta, Hall, Harris, Hassan, Hernandez, Hill, Hoang, Hughes, Ibrahim, Ito, Iyer, Jackson,
James, Jensen, Johansson, Johnson, Jones, Kaur, Kelly, Khan, Kim, King, Kowalski, Kumar,
Lam, Lee, Lewis, Li, Lin, Liu, Lopez, Martin, Martinez, Mendoza, Mehta, Meyer, Miller,
Mitchell, Moore, Morales, Morris, Muller, Murphy, Murray, Nakamura, Nguyen, Nielsen, Novak,
Nowak, O'Brien, O'Connor, Okafor, Okonkwo, Ortiz, Park, Patel, Perez, Perry, Petrov,
Phillips, Popescu, Price, Ramirez, Ramos, Rao, Reddy, Reed, Reyes, Richardson, Rivera,
Roberts, Robinson, Rodriguez, Rossi, Russell, Sanchez, Santos, Sato, Schmidt, Schneider,
Scott, Shah, Sharma, Silva, Singh, Smith, Sokolov, Stewart, Suzuki, Tanaka, Taylor, Thomas,
Thompson, Torres, Tran, Turner, Walker, Wang, Ward, Watson, Weber, White, Williams, Wilson,
Wong, Wood, Wright, Wu, Xu, Yamamoto, Yang, Young, Zhang, Zhao, Zielinski, Müller, García,
Núñez, Søndergaard, van der Berg, de la Cruz, Mbeki, Mensah, Osei, Achebe, Haddad, Nasser
`);

/** Formal first name → the short form people also go by; used for name variations. */
export const NICKNAMES: Readonly<Record<string, string>> = {
  Alexander: 'Alex',
  Andrew: 'Andy',
  Anthony: 'Tony',
  Benjamin: 'Ben',
  Catherine: 'Cathy',
  Charles: 'Charlie',
  Christopher: 'Chris',
  Daniel: 'Dan',
  David: 'Dave',
  Edward: 'Ed',
  Elizabeth: 'Liz',
  Jennifer: 'Jen',
  Jessica: 'Jess',
  Jonathan: 'Jon',
  Joseph: 'Joe',
  Joshua: 'Josh',
  Katherine: 'Kate',
  Margaret: 'Maggie',
  Matthew: 'Matt',
  Michael: 'Mike',
  Nicholas: 'Nick',
  Patricia: 'Pat',
  Rebecca: 'Becky',
  Robert: 'Bob',
  Samantha: 'Sam',
  Samuel: 'Sam',
  Stephen: 'Steve',
  Susan: 'Sue',
  Thomas: 'Tom',
  Timothy: 'Tim',
  Victoria: 'Vicky',
  William: 'Bill',
  Zachary: 'Zach',
  Gabriela: 'Gabi',
  Alejandra: 'Ale',
  Valentina: 'Vale',
  Natalia: 'Nat',
  Isabel: 'Isa',
  Olivia: 'Liv',
};

export const CANDIDATE_EMPLOYERS: readonly string[] = list(`
Northwind Analytics, Contoso Ltd, Fabrikam, Globex, Initech, Umbrella Health,
Stark Logistics, Wayne Capital, Acme Retail, Hooli, Pied Piper, Vandelay Imports,
Soylent Foods, Tyrell Systems, Cyberdyne, Wonka Industries, Gringotts Bank, Oscorp,
Massive Dynamic, Blue Sun, Aperture Labs, Black Mesa, Monarch Media, Dunder Paper,
Sterling Cooper, Prestige Worldwide, Bluth Company, Los Pollos
`);

/** The personal mail providers candidates use; all under the reserved `.example` domain. */
export const MAIL_PROVIDERS = [
  { domain: 'gmail.example', weight: 50 },
  { domain: 'outlook.example', weight: 14 },
  { domain: 'yahoo.example', weight: 10 },
  { domain: 'icloud.example', weight: 10 },
  { domain: 'proton.example', weight: 4 },
  { domain: 'hotmail.example', weight: 8 },
  { domain: 'fastmail.example', weight: 4 },
] as const;
